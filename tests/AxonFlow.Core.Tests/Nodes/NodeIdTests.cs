using AxonFlow.Core.Nodes;

namespace AxonFlow.Core.Tests.Nodes;

public sealed class NodeIdTests
{
    [Fact]
    public void NewForHost_IsTheHostPlusRandomHex()
    {
        var first = NodeId.NewForHost("agent-7.prod");
        var second = NodeId.NewForHost("agent-7.prod");

        Assert.Matches("^agent-7\\.prod-[0-9a-f]{12}$", first.Value);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("AGENT_7", "agent-7")]
    [InlineData("ip-10-0-0-1.ec2.internal", "ip-10-0-0-1.ec2.internal")]
    [InlineData("bad host;name", "bad-host-name")]
    [InlineData("---", "node")]
    [InlineData("", "node")]
    public void SafeHost_KeepsLettersDigitsDotsAndDashes(string host, string expected) => Assert.Equal(expected, NodeId.SafeHost(host));

    [Fact]
    public void SafeHost_IsBounded() => Assert.Equal(NodeId.MaxHostLength, NodeId.SafeHost(new string('h', 300)).Length);
}
