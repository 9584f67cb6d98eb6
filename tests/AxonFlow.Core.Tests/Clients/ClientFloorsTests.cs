using AxonFlow.Core.Clients;

namespace AxonFlow.Core.Tests.Clients;

public sealed class ClientFloorsTests
{
    [Theory]
    [InlineData("sdk-go/7.1.0", "8.0.0")]
    [InlineData("sdk-python/8.0.0-rc.2", "8.0.0")]
    [InlineData("sdk-rust/0.1.0", "0.2.0")]
    [InlineData("openclaw/2.2.0", "2.4.0")]
    [InlineData("claude-code-plugin/1.3.9", "1.4.0")]
    public void IsBelowMinimum_OldVersion_NamesItsFloor(string header, string minimum)
    {
        Assert.True(ClientFloors.IsBelowMinimum(ClientHeaderParser.Parse(header), out var floor));
        Assert.Equal(minimum, floor.Minimum);
    }

    [Theory]
    [InlineData("sdk-go/8.0.0")]
    [InlineData("sdk-go/8.1.0")]
    [InlineData("sdk-go/10.0.0-beta")]
    [InlineData("openclaw/2.4.0")]
    [InlineData("n8n-plugin/0.0.1")]
    [InlineData("sdk-kotlin/0.0.1")]
    [InlineData("my-app/0.0.1")]
    [InlineData("")]
    [InlineData("malformed")]
    public void IsBelowMinimum_CurrentUnlistedOrUnidentified_IsFalse(string header) =>
        Assert.False(ClientFloors.IsBelowMinimum(ClientHeaderParser.Parse(header), out _));
}
