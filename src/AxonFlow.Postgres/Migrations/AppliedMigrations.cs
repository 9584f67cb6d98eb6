using Npgsql;

namespace AxonFlow.Postgres.Migrations;

/// <summary>Reads <c>schema_migrations</c>; an absent table means nothing has been applied.</summary>
public static class AppliedMigrations
{
    public static async Task<IReadOnlyDictionary<int, AppliedMigration>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('public.schema_migrations') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return new Dictionary<int, AppliedMigration>();
            }
        }

        var rows = new Dictionary<int, AppliedMigration>();
        await using var command = new NpgsqlCommand(
            "SELECT version, name, checksum, applied_at, duration_ms, success, error FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new AppliedMigration(
                reader.GetInt32(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetInt32(4),
                reader.GetBoolean(5),
                reader.IsDBNull(6) ? null : reader.GetString(6));
            rows[row.Version] = row;
        }

        return rows;
    }
}
