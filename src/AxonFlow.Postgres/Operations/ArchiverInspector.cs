using Npgsql;

namespace AxonFlow.Postgres.Operations;

/// <summary>Reads WAL-archiving settings and the archiver's statistics; settings hidden from the inspecting role read as null.</summary>
public static class ArchiverInspector
{
    private const string ArchiverSql = """
        SELECT (SELECT setting FROM pg_catalog.pg_settings WHERE name = 'archive_mode'),
               (SELECT setting FROM pg_catalog.pg_settings WHERE name = 'archive_command'),
               (SELECT setting FROM pg_catalog.pg_settings WHERE name = 'archive_library'),
               a.archived_count, a.last_archived_time, a.failed_count, a.last_failed_wal, a.last_failed_time
        FROM pg_catalog.pg_stat_archiver a
        """;

    public static async Task<ArchiverState> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(ArchiverSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        DateTimeOffset? Time(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
        return new ArchiverState(Text(0), Text(1), Text(2), reader.GetInt64(3), Time(4), reader.GetInt64(5), Text(6), Time(7));
    }
}
