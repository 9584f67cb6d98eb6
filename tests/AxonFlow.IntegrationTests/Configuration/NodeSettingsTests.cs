using AxonFlow.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace AxonFlow.IntegrationTests.Configuration;

/// <summary>The <c>AXONFLOW_NODE_*</c> variables: defaults, bounds, and a precise message for each bad value.</summary>
public sealed class NodeSettingsTests
{
    private static AxonFlowSettings Read(params (string Key, string? Value)[] values) =>
        SettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(), "/tmp/axonflow-settings-test");

    [Fact]
    public void Read_Nothing_IsFifteenSecondsThreeIntervalsTenMinutes()
    {
        var nodes = Read().Nodes;

        Assert.Equal(TimeSpan.FromSeconds(15), nodes.HeartbeatInterval);
        Assert.Equal(3, nodes.StaleAfterIntervals);
        Assert.Equal(TimeSpan.FromSeconds(45), nodes.StaleAfter);
        Assert.Equal(TimeSpan.FromMinutes(10), nodes.LimitGrace);
    }

    [Fact]
    public void Read_Values_AreApplied()
    {
        var nodes = Read(("AXONFLOW_NODE_HEARTBEAT_SECONDS", "5"), ("AXONFLOW_NODE_STALE_INTERVALS", "4"), ("AXONFLOW_NODE_LIMIT_GRACE_SECONDS", "0")).Nodes;

        Assert.Equal(TimeSpan.FromSeconds(20), nodes.StaleAfter);
        Assert.Equal(TimeSpan.Zero, nodes.LimitGrace);
    }

    [Theory]
    [InlineData("AXONFLOW_NODE_HEARTBEAT_SECONDS", "0", "AXONFLOW_NODE_HEARTBEAT_SECONDS must be a whole number of seconds from 1 to 3600, but was '0'.")]
    [InlineData("AXONFLOW_NODE_HEARTBEAT_SECONDS", "15s", "AXONFLOW_NODE_HEARTBEAT_SECONDS must be a whole number of seconds from 1 to 3600, but was '15s'.")]
    [InlineData("AXONFLOW_NODE_STALE_INTERVALS", "1", "AXONFLOW_NODE_STALE_INTERVALS must be a whole number of heartbeat intervals from 2 to 100, but was '1'.")]
    [InlineData("AXONFLOW_NODE_LIMIT_GRACE_SECONDS", "-1", "AXONFLOW_NODE_LIMIT_GRACE_SECONDS must be a whole number of seconds from 0 to 604800, but was '-1'.")]
    public void Read_BadValue_NamesTheVariable(string key, string value, string expected)
    {
        var error = Assert.Throws<SettingsException>(() => Read((key, value)));

        Assert.Equal([expected], error.Errors);
    }
}
