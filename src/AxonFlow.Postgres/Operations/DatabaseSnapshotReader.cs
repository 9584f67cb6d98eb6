using AxonFlow.Postgres.Migrations;
using Npgsql;

namespace AxonFlow.Postgres.Operations;

/// <summary>Takes a <see cref="DatabaseSnapshot"/> inside one READ ONLY transaction, so inspecting can never change anything.</summary>
public static class DatabaseSnapshotReader
{
    private const string ServerSql = """
        SELECT current_setting('server_version_num')::int, current_setting('server_version'), current_user::text,
               (SELECT r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
        """;

    private const string BaselineTablesSql = """
        SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname = ANY($1)
        """;

    public static async Task<DatabaseSnapshot> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        int versionNum;
        string version;
        string user;
        bool bypasses;
        await using (var server = new NpgsqlCommand(ServerSql, connection, transaction))
        await using (var reader = await server.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            versionNum = reader.GetInt32(0);
            version = reader.GetString(1);
            user = reader.GetString(2);
            bypasses = reader.GetBoolean(3);
        }

        var tables = new HashSet<string>(StringComparer.Ordinal);
        await using (var baseline = new NpgsqlCommand(BaselineTablesSql, connection, transaction))
        {
            baseline.Parameters.Add(new NpgsqlParameter { Value = LegacyBaseline.Tables.ToArray() });
            await using var reader = await baseline.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        bool hasMigrationTable;
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('public.schema_migrations') IS NOT NULL", connection, transaction))
        {
            hasMigrationTable = await exists.ExecuteScalarAsync(cancellationToken) is true;
        }

        var applied = hasMigrationTable ? await AppliedMigrations.ReadAsync(connection, cancellationToken) : new Dictionary<int, AppliedMigration>();
        var census = await OrgColumnCensus.ReadAsync(connection, transaction, cancellationToken);
        var roles = await RoleInspector.ReadAsync(connection, transaction, cancellationToken);
        var archiver = await ArchiverInspector.ReadAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new DatabaseSnapshot(versionNum, version, user, bypasses, hasMigrationTable, applied, tables, census, roles, archiver);
    }
}
