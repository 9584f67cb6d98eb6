using AxonFlow.Core.Nodes;

namespace AxonFlow.Core.Tests.Nodes;

public sealed class NodeLimitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    private static DateTimeOffset[] StartedAtMinutes(params int[] minutes) => [.. minutes.Select(m => T0.AddMinutes(m))];

    [Fact]
    public void Evaluate_Unlimited_IsNeverOver()
    {
        var status = NodeLimitStatus.Evaluate(StartedAtMinutes(0, 1, 2, 3, 4), maxNodes: null);

        Assert.Equal(5, status.Live);
        Assert.Null(status.Limit);
        Assert.False(status.OverLimit);
    }

    [Fact]
    public void Evaluate_AtTheLimit_IsNotOver() =>
        Assert.False(NodeLimitStatus.Evaluate(StartedAtMinutes(0, 1, 2), maxNodes: 3).OverLimit);

    [Fact]
    public void Evaluate_OverTheLimit_SinceTheExtraNodeStarted()
    {
        // Unordered on purpose: the (max + 1)-th start, in time order, is when the live set first exceeded the limit.
        var status = NodeLimitStatus.Evaluate(StartedAtMinutes(30, 0, 12, 5), maxNodes: 2);

        Assert.True(status.OverLimit);
        Assert.Equal(4, status.Live);
        Assert.Equal(T0.AddMinutes(12), status.OverLimitSince);
        Assert.Equal(T0.AddMinutes(22), status.RefusingNewNodesFrom(Grace));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Evaluate_LimitBelowOne_IsRejected(int max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NodeLimitStatus.Evaluate(StartedAtMinutes(0), max));

    [Fact]
    public void Decide_BelowTheLimit_Allows() =>
        Assert.IsType<NodeStartDecision.Allowed>(NodeStartDecision.Decide(NodeLimitStatus.Evaluate(StartedAtMinutes(0), 2), T0.AddHours(5), Grace));

    [Fact]
    public void Decide_Unlimited_Allows() =>
        Assert.IsType<NodeStartDecision.Allowed>(NodeStartDecision.Decide(NodeLimitStatus.Evaluate(StartedAtMinutes(0, 1, 2), null), T0.AddHours(5), Grace));

    [Fact]
    public void Decide_AtTheLimit_AllowsOneMoreForARollingDeploy()
    {
        var now = T0.AddDays(3);

        var decision = Assert.IsType<NodeStartDecision.AllowedOverLimit>(NodeStartDecision.Decide(NodeLimitStatus.Evaluate(StartedAtMinutes(0, 1), 2), now, Grace));

        Assert.Equal(3, decision.LiveWithThisNode);
        Assert.Equal(now + Grace, decision.GraceEndsAt);
    }

    [Fact]
    public void Decide_OverWithinTheGrace_Allows()
    {
        var others = NodeLimitStatus.Evaluate(StartedAtMinutes(0, 1, 20), 2);

        var decision = Assert.IsType<NodeStartDecision.AllowedOverLimit>(NodeStartDecision.Decide(others, T0.AddMinutes(29), Grace));

        Assert.Equal(T0.AddMinutes(30), decision.GraceEndsAt);
    }

    [Fact]
    public void Decide_OverForLongerThanTheGrace_RefusesWithOneFatalLine()
    {
        var others = NodeLimitStatus.Evaluate(StartedAtMinutes(0, 1, 20), 2);

        var refused = Assert.IsType<NodeStartDecision.Refused>(NodeStartDecision.Decide(others, T0.AddMinutes(30), Grace));

        Assert.Equal((3, 2, T0.AddMinutes(20)), (refused.Live, refused.Limit, refused.OverLimitSince));
        Assert.StartsWith("FATAL: [NodeLimit] 3 nodes are live and the license allows 2 (max_nodes)", refused.FatalLine, StringComparison.Ordinal);
        Assert.Contains("since 2026-03-01T12:20:00Z", refused.FatalLine, StringComparison.Ordinal);
        Assert.Contains("600 s grace", refused.FatalLine, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.FatalLine);
    }

    [Fact]
    public void Decide_ZeroGrace_RefusesAsSoonAsOver() =>
        Assert.IsType<NodeStartDecision.Refused>(NodeStartDecision.Decide(NodeLimitStatus.Evaluate(StartedAtMinutes(0, 1, 2), 2), T0.AddMinutes(2), TimeSpan.Zero));
}
