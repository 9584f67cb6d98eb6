using AxonFlow.Core.Nodes;
using Npgsql;

namespace AxonFlow.Postgres.Nodes;

/// <summary>The nodes live now (not stopped, heartbeat inside the stale window), readable from either pool.</summary>
public sealed class NodeCensusReader(NpgsqlDataSource dataSource)
{
    private const string LiveSql = """
        SELECT node_id, started_at
        FROM nodes
        WHERE status <> 'stopped' AND last_heartbeat_at >= $1
        ORDER BY started_at, node_id
        """;

    public async Task<IReadOnlyList<LiveNode>> ReadLiveAsync(DateTimeOffset heartbeatSince, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LiveSql);
        command.Parameters.Add(NodeRegistry.Timestamp(heartbeatSince));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var nodes = new List<LiveNode>();
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes.Add(new LiveNode(NodeId.Load(reader.GetString(0)), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return nodes;
    }
}
