using AxonFlow.Core.Nodes;
using Npgsql;

namespace AxonFlow.Postgres.Nodes;

/// <summary>The node monitor's writes, on the platform-admin pool: other nodes' rows are not the request pool's to change.</summary>
public sealed class NodeMonitorStore(NpgsqlDataSource platformAdminDataSource)
{
    private const string MarkStaleSql = """
        UPDATE nodes SET status = 'stale'
        WHERE status = 'live' AND last_heartbeat_at < $1
        RETURNING node_id, hostname, last_heartbeat_at
        """;

    private const string PruneSql = "DELETE FROM nodes WHERE status IN ('stale', 'stopped') AND last_heartbeat_at < $1";

    /// <summary>Marks live rows whose last heartbeat is older than <paramref name="heartbeatBefore"/> stale, and returns them.</summary>
    public async Task<IReadOnlyList<StaleNode>> MarkStaleAsync(DateTimeOffset heartbeatBefore, CancellationToken cancellationToken)
    {
        await using var command = platformAdminDataSource.CreateCommand(MarkStaleSql);
        command.Parameters.Add(NodeRegistry.Timestamp(heartbeatBefore));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var stale = new List<StaleNode>();
        while (await reader.ReadAsync(cancellationToken))
        {
            stale.Add(new StaleNode(NodeId.Load(reader.GetString(0)), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return stale;
    }

    /// <summary>Deletes stale and stopped rows last seen before <paramref name="heartbeatBefore"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset heartbeatBefore, CancellationToken cancellationToken)
    {
        await using var command = platformAdminDataSource.CreateCommand(PruneSql);
        command.Parameters.Add(NodeRegistry.Timestamp(heartbeatBefore));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
