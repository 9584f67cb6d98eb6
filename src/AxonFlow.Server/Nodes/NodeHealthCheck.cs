using AxonFlow.Core.Nodes;
using AxonFlow.Postgres.Nodes;
using Npgsql;

namespace AxonFlow.Server.Nodes;

/// <summary>
/// The <c>nodes</c> component of <c>/health</c>, computed from the node table on every node, so all of them agree whether
/// or not this one runs the monitor.
/// </summary>
public sealed class NodeHealthCheck(ThisNode node, NodeCensusReader census, NodeSettings settings, NodeLimitOptions limit, bool monitorEnabled, TimeProvider timeProvider)
{
    public NodesHealth Unknown => new("unknown", node.Id.Value, node.IsRegistered, null, limit.MaxNodes, false, null, null, (int)settings.LimitGrace.TotalSeconds, monitorEnabled);

    public async Task<NodesHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            var live = await census.ReadLiveAsync(now - settings.StaleAfter, cancellationToken);
            var status = NodeLimitStatus.Evaluate([.. live.Select(n => n.StartedAt)], limit.MaxNodes);
            return new NodesHealth(
                status.OverLimit ? "over_limit" : "ok",
                node.Id.Value,
                node.IsRegistered,
                status.Live,
                status.Limit,
                status.OverLimit,
                status.OverLimitSince,
                status.RefusingNewNodesFrom(settings.LimitGrace),
                (int)settings.LimitGrace.TotalSeconds,
                monitorEnabled);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return Unknown;
        }
    }
}
