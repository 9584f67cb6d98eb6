namespace AxonFlow.Core.Nodes;

/// <summary>
/// The deployment against its node limit: how many nodes are live, the licensed maximum (null = unlimited), and since when
/// the nodes live now have been more than the maximum.
/// </summary>
public sealed record NodeLimitStatus(int Live, int? Limit, DateTimeOffset? OverLimitSince)
{
    public bool OverLimit => OverLimitSince is not null;

    /// <summary>
    /// Evaluates the live nodes' start times. Over the limit means more than <paramref name="maxNodes"/> live; it began when
    /// the (max + 1)-th of the nodes live now started, so a rolling restart that replaces nodes one by one is never over
    /// for long, while a deployment that keeps an extra node is over since that node came up.
    /// </summary>
    public static NodeLimitStatus Evaluate(IReadOnlyCollection<DateTimeOffset> liveStartedAt, int? maxNodes)
    {
        ArgumentNullException.ThrowIfNull(liveStartedAt);
        if (maxNodes is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNodes), maxNodes, "The node limit must be at least 1 (or null for unlimited).");
        }

        if (maxNodes is not { } max || liveStartedAt.Count <= max)
        {
            return new NodeLimitStatus(liveStartedAt.Count, maxNodes, null);
        }

        return new NodeLimitStatus(liveStartedAt.Count, max, liveStartedAt.Order().ElementAt(max));
    }

    /// <summary>When new nodes start being refused, while over the limit.</summary>
    public DateTimeOffset? RefusingNewNodesFrom(TimeSpan grace) => OverLimitSince + grace;
}
