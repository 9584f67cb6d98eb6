using System.Text;
using AxonFlow.Core.Identity;

namespace AxonFlow.Core.Tests;

public sealed class BasicCredentialsTests
{
    private static string Encode(string value) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    [Fact]
    public void Parse_ValidHeader_ReturnsClientAndSecret()
    {
        var parsed = Assert.IsType<BasicCredentialsParse.Present>(BasicCredentials.Parse(Encode("acme-prod:s3cr:et")));

        Assert.Equal("acme-prod", parsed.Credentials.ClientId);
        Assert.Equal("s3cr:et", parsed.Credentials.Secret);
    }

    [Fact]
    public void Parse_EmptySecret_IsPresentWithEmptySecret()
    {
        var parsed = Assert.IsType<BasicCredentialsParse.Present>(BasicCredentials.Parse(Encode("community:")));

        Assert.Equal(string.Empty, parsed.Credentials.Secret);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NoHeader_IsAbsent(string? header) =>
        Assert.IsType<BasicCredentialsParse.Absent>(BasicCredentials.Parse(header));

    [Theory]
    [InlineData("Bearer abc", "Basic scheme")]
    [InlineData("Basic !!!not-base64!!!", "base64")]
    [InlineData("Basic bm9jb2xvbg==", "clientId:clientSecret")]
    [InlineData("Basic OnNlY3JldA==", "empty client id")]
    [InlineData("Basic /w==", "UTF-8")]
    public void Parse_MalformedHeader_ReturnsReason(string header, string expectedReason)
    {
        var malformed = Assert.IsType<BasicCredentialsParse.Malformed>(BasicCredentials.Parse(header));

        Assert.Contains(expectedReason, malformed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OversizedHeader_IsMalformedWithoutDecoding()
    {
        var header = "Basic " + new string('A', BasicCredentials.MaxHeaderLength);

        var malformed = Assert.IsType<BasicCredentialsParse.Malformed>(BasicCredentials.Parse(header));

        Assert.Contains("too long", malformed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NeverShowsTheSecret()
    {
        var credentials = new BasicCredentials("client", "super-secret-value");

        Assert.DoesNotContain("super-secret-value", credentials.ToString(), StringComparison.Ordinal);
    }
}
