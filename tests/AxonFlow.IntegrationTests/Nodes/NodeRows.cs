using AxonFlow.IntegrationTests.Infrastructure;
using Npgsql;

namespace AxonFlow.IntegrationTests.Nodes;

/// <summary>Reads and seeds <c>nodes</c> rows as the schema owner, the way an operator would with psql.</summary>
internal static class NodeRows
{
    public static readonly DateTimeOffset T0 = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task ClearAsync(TestDatabase database)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("DELETE FROM nodes");
        await command.ExecuteNonQueryAsync(Token);
    }

    /// <summary>Another node, as if a second process had registered it.</summary>
    public static async Task SeedAsync(TestDatabase database, string nodeId, DateTimeOffset startedAt, DateTimeOffset lastHeartbeatAt, string status = "live")
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("""
            INSERT INTO nodes (node_id, hostname, version, started_at, last_heartbeat_at, status, secret_hash)
            VALUES ($1, 'other-host', '9.0.0', $2, $3, $4, sha256('seeded'::bytea))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = nodeId });
        command.Parameters.Add(new NpgsqlParameter { Value = startedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = lastHeartbeatAt });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        await command.ExecuteNonQueryAsync(Token);
    }

    public static async Task<NodeRow?> ReadAsync(TestDatabase database, string nodeId)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("SELECT hostname, version, started_at, last_heartbeat_at, status, stopped_at FROM nodes WHERE node_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = nodeId });
        await using var reader = await command.ExecuteReaderAsync(Token);
        if (!await reader.ReadAsync(Token))
        {
            return null;
        }

        return new NodeRow(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetFieldValue<DateTimeOffset>(2),
            reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
    }

    public static async Task<long> CountAsync(TestDatabase database)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("SELECT count(*) FROM nodes");
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    /// <summary>Polls until the row satisfies <paramref name="condition"/>: timers fire on the thread pool after the fake clock moves.</summary>
    public static async Task<NodeRow> WaitForAsync(TestDatabase database, string nodeId, Func<NodeRow, bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var row = await ReadAsync(database, nodeId);
            if (row is not null && condition(row))
            {
                return row;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"node {nodeId} never reached the expected state; last seen: {row}");
            await Task.Delay(50, Token);
        }
    }
}
