namespace AxonFlow.Core.Nodes;

/// <summary>
/// Whether one more node may start. Starting is refused only when the nodes already live reach the limit and have been
/// over it for longer than the grace; a deployment exactly at its limit may start one more (a rolling deploy brings the
/// new node up before the old one stops), and within the grace any number may.
/// </summary>
public abstract record NodeStartDecision
{
    private NodeStartDecision()
    {
    }

    public static NodeStartDecision Decide(NodeLimitStatus othersLive, DateTimeOffset now, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(othersLive);
        if (othersLive.Limit is not { } limit || othersLive.Live < limit)
        {
            return new Allowed();
        }

        if (othersLive.OverLimitSince is { } since && now - since >= grace)
        {
            return new Refused(othersLive.Live, limit, since, grace);
        }

        // At the limit, this node begins an over-limit period now; already over, the period began earlier.
        return new AllowedOverLimit(othersLive.Live + 1, limit, (othersLive.OverLimitSince ?? now) + grace);
    }

    /// <summary>Within the limit.</summary>
    public sealed record Allowed : NodeStartDecision;

    /// <summary>Over the limit but inside the grace, which ends at <paramref name="GraceEndsAt"/>.</summary>
    public sealed record AllowedOverLimit(int LiveWithThisNode, int Limit, DateTimeOffset GraceEndsAt) : NodeStartDecision;

    /// <summary>Over the limit for longer than the grace.</summary>
    public sealed record Refused(int Live, int Limit, DateTimeOffset OverLimitSince, TimeSpan Grace) : NodeStartDecision
    {
        public string FatalLine => string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"FATAL: [NodeLimit] {Live} nodes are live and the license allows {Limit} (max_nodes); the deployment has been over its node limit " +
            $"since {OverLimitSince.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}, longer than the {(int)Grace.TotalSeconds} s grace (AXONFLOW_NODE_LIMIT_GRACE_SECONDS), " +
            $"so this node does not start. Stop a node, or raise max_nodes with a new license.");
    }
}
