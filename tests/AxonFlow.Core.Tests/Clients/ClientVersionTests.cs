using AxonFlow.Core.Clients;

namespace AxonFlow.Core.Tests.Clients;

public sealed class ClientVersionTests
{
    [Theory]
    [InlineData("7.1.0", "8.0.0")]
    [InlineData("8.0.0-rc.1", "8.0.0")]
    [InlineData("8.0.0-alpha", "8.0.0-alpha.1")]
    [InlineData("8.0.0-alpha.1", "8.0.0-alpha.beta")]
    [InlineData("8.0.0-alpha.beta", "8.0.0-beta")]
    [InlineData("8.0.0-beta.2", "8.0.0-beta.11")]
    [InlineData("8.0.0-rc.1", "8.0.1-alpha")]
    [InlineData("1.9.0", "1.10.0")]
    [InlineData("8", "8.0.1")]
    [InlineData("2.4", "2.4.1")]
    public void CompareTo_OrdersLikeSemver(string lower, string higher)
    {
        var (low, high) = (ClientVersion.Parse(lower), ClientVersion.Parse(higher));

        Assert.True(low.IsBelow(high));
        Assert.False(high.IsBelow(low));
        Assert.True(high.CompareTo(low) > 0);
    }

    [Theory]
    [InlineData("8.0.0", "8.0.0")]
    [InlineData("8", "8.0.0")]
    [InlineData("8.1", "8.1.0")]
    [InlineData("8.0.0+build.5", "8.0.0")]
    [InlineData("8.0.0-rc.1+a", "8.0.0-rc.1+b")]
    public void CompareTo_EqualPrecedence_IsZero(string left, string right) =>
        Assert.Equal(0, ClientVersion.Parse(left).CompareTo(ClientVersion.Parse(right)));

    [Fact]
    public void Parse_KeepsTheTextAndParts()
    {
        var version = ClientVersion.Parse("8.1.2-rc.1+abc");

        Assert.Equal((8, 1, 2), (version.Major, version.Minor, version.Patch));
        Assert.True(version.IsPreRelease);
        Assert.Equal("8.1.2-rc.1+abc", version.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(".1")]
    [InlineData("1.")]
    [InlineData("1..2")]
    [InlineData("-1.0.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0+")]
    [InlineData("1.0.0-a b")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0-00")]
    [InlineData("1.2.3.4")]
    [InlineData("1234567890.0.0")]
    public void TryParse_RejectsNonVersions(string text) => Assert.False(ClientVersion.TryParse(text, out _));
}
