using AxonFlow.Core.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.Nodes;

/// <summary>
/// This process's own node row, written through the SECURITY DEFINER functions of migration 015 on the request pool: the
/// app role holds no write grant on <c>nodes</c>, and each function checks the process secret, so a node changes only its
/// own row. Times come from the caller's clock (nodes are expected to run NTP; the stale window absorbs small skew).
/// </summary>
public sealed class NodeRegistry(NpgsqlDataSource appDataSource)
{
    public async Task RegisterAsync(NodeId node, string hostname, string version, byte[] secret, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hostname);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(secret);
        await using var command = appDataSource.CreateCommand("SELECT node_register($1, $2, $3, $4, $5)");
        command.Parameters.Add(new NpgsqlParameter { Value = node.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = hostname });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = secret, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(Timestamp(startedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>False when the row is gone or stopped (it must be registered again).</summary>
    public Task<bool> HeartbeatAsync(NodeId node, byte[] secret, DateTimeOffset at, CancellationToken cancellationToken) =>
        CallAsync("SELECT node_heartbeat($1, $2, $3)", node, secret, at, cancellationToken);

    /// <summary>Marks the row stopped on a clean shutdown; false when it was already stopped or is gone.</summary>
    public Task<bool> StopAsync(NodeId node, byte[] secret, DateTimeOffset at, CancellationToken cancellationToken) =>
        CallAsync("SELECT node_stop($1, $2, $3)", node, secret, at, cancellationToken);

    private async Task<bool> CallAsync(string sql, NodeId node, byte[] secret, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        await using var command = appDataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = node.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = secret, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(Timestamp(at));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    internal static NpgsqlParameter Timestamp(DateTimeOffset value) =>
        new() { Value = value.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
