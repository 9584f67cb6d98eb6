using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.Postgres.Diagnostics;

/// <summary>
/// The retained diagnostic helpers of seed 000 (current org, RLS-active verification, per-table stats, health), read from
/// the catalog so they work from any role and never touch customer rows.
/// </summary>
public sealed class RlsDiagnostics(NpgsqlDataSource dataSource)
{
    private const string TablesSql = """
        SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
               (SELECT count(*)::int FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid)
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public'
          AND c.relkind IN ('r', 'p')
          AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped)
        ORDER BY c.relname
        """;

    private const string RoleSql = "SELECT current_user, r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles r WHERE r.rolname = current_user";

    public async Task<RlsReport> GetReportAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        string role;
        bool bypasses;
        await using (var roleCommand = new NpgsqlCommand(RoleSql, connection))
        await using (var reader = await roleCommand.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            role = reader.GetString(0);
            bypasses = reader.GetBoolean(1);
        }

        var tables = new List<RlsTableStatus>();
        await using (var tablesCommand = new NpgsqlCommand(TablesSql, connection))
        await using (var reader = await tablesCommand.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(new RlsTableStatus(reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetInt32(3)));
            }
        }

        return new RlsReport(role, bypasses, tables);
    }

    /// <summary>The org the scope's transaction is filtered to, as PostgreSQL sees it.</summary>
    public static async Task<string?> CurrentOrgAsync(OrgScopedSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var command = session.CreateCommand("SELECT nullif(current_setting('app.current_org_id', true), '')");
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
