namespace AxonFlow.Server.Nodes;

/// <summary>How often nodes heartbeat, when a silent node stops counting as live, and the grace before the limit bites.</summary>
public sealed record NodeSettings
{
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Heartbeat intervals without a heartbeat after which a node is stale (no longer live).</summary>
    public int StaleAfterIntervals { get; init; } = 3;

    /// <summary>How long the deployment may run over its node limit before new nodes are refused.</summary>
    public TimeSpan LimitGrace { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan StaleAfter => HeartbeatInterval * StaleAfterIntervals;
}
