using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Migrations;
using AxonFlow.Postgres.Operations;
using Npgsql;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>
/// A v8.x database as an upgrade finds it: the baseline tables of 001 created directly (no <c>schema_migrations</c>),
/// rows keyed by <c>tenant_id</c> only, <c>org_id</c> empty or NULL, and a Community SaaS <c>cs_*</c> row in every table.
/// </summary>
internal static class LegacySchema
{
    public const string SaasTenant = "cs_7d1e9a";

    /// <summary>Per baseline tenant table: two ordinary rows (Pass 2 stamps them) and one cs_ row (Pass 1 gives it its own org).</summary>
    public static IReadOnlyDictionary<string, string> Rows { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["api_keys"] = $"INSERT INTO api_keys (org_id, tenant_id, secret_hash) VALUES ('', 'acme-prod-api', '\\x00'), (NULL, 'acme-batch', '\\x01'), ('', '{SaasTenant}', '\\x02')",
        ["audit_logs"] = $"INSERT INTO audit_logs (org_id, tenant_id, request_id) VALUES ('', 'acme-prod-api', 'r1'), (NULL, 'acme-batch', 'r2'), ('', '{SaasTenant}', 'r3')",
        ["static_policies"] = $"INSERT INTO static_policies (org_id, tenant_id, policy_id, name, category, pattern) VALUES ('', 'acme-prod-api', 'org_p1', 'n', 'pii-us', 'x'), (NULL, 'acme-batch', 'org_p2', 'n', 'pii-us', 'x'), ('', '{SaasTenant}', 'org_p1', 'n', 'pii-us', 'x'), ('', 'global', 'legacy_global_rule', 'n', 'pii-us', 'x')",
        ["dynamic_policies"] = $"INSERT INTO dynamic_policies (org_id, tenant_id, policy_id, name) VALUES ('', 'acme-prod-api', 'org_d1', 'n'), (NULL, 'acme-batch', 'org_d2', 'n'), ('', '{SaasTenant}', 'org_d1', 'n'), (NULL, 'global', 'legacy_global_dynamic', 'n')",
        ["policy_overrides"] = $"INSERT INTO policy_overrides (org_id, tenant_id, policy_id, override_reason) VALUES ('', 'acme-prod-api', 'org_p1', 'r'), (NULL, 'acme-batch', 'org_p2', 'r'), ('', '{SaasTenant}', 'org_p1', 'r')",
        ["gateway_contexts"] = $"INSERT INTO gateway_contexts (org_id, tenant_id, approved, expires_at) VALUES ('', 'acme-prod-api', true, now()), (NULL, 'acme-batch', false, now()), ('', '{SaasTenant}', true, now())",
        ["llm_call_audits"] = $"INSERT INTO llm_call_audits (org_id, tenant_id, provider, model) VALUES ('', 'acme-prod-api', 'openai', 'm'), (NULL, 'acme-batch', 'openai', 'm'), ('', '{SaasTenant}', 'openai', 'm')",
        ["mcp_query_audits"] = $"INSERT INTO mcp_query_audits (org_id, tenant_id) VALUES ('', 'acme-prod-api'), (NULL, 'acme-batch'), ('', '{SaasTenant}')",
        ["daily_usage"] = $"INSERT INTO daily_usage (org_id, tenant_id, usage_date) VALUES ('', 'acme-prod-api', '2026-11-30'), (NULL, 'acme-batch', '2026-11-30'), ('', '{SaasTenant}', '2026-11-30')",
        ["execution_history"] = $"INSERT INTO execution_history (org_id, tenant_id) VALUES ('', 'acme-prod-api'), (NULL, 'acme-batch'), ('', '{SaasTenant}')",
        ["service_identities"] = $"INSERT INTO service_identities (org_id, tenant_id, service_name) VALUES ('', 'acme-prod-api', 'svc1'), (NULL, 'acme-batch', 'svc2'), ('', '{SaasTenant}', 'svc1')",
        ["agent_audit_logs"] = $"INSERT INTO agent_audit_logs (org_id, tenant_id, action) VALUES ('', 'acme-prod-api', 'a'), (NULL, 'acme-batch', 'a'), ('', '{SaasTenant}', 'a')",
    };

    public const int Pass1RowsPerTable = 1;

    public const int Pass2RowsPerTable = 2;

    /// <summary>A new database on the shared cluster holding the legacy schema and rows.</summary>
    public static async Task<TestDatabase> CreateAsync(string purpose)
    {
        var database = await (await PostgresCluster.GetAsync()).CreateEmptyDatabaseAsync(purpose);
        await LoadAsync(database.ConnectionStrings.Owner);
        return database;
    }

    /// <summary>Creates the baseline tables as a v8.x release left them and inserts the legacy rows, as the owner.</summary>
    public static async Task LoadAsync(string ownerConnectionString)
    {
        Assert.Equal(LegacyBaseline.TenantTables.Order(StringComparer.Ordinal), Rows.Keys.Order(StringComparer.Ordinal));
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using (var schema = new NpgsqlCommand(MigrationCatalog.Embedded.Scripts[0].Sql, connection))
        {
            await schema.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        foreach (var insert in Rows.Values)
        {
            await using var command = new NpgsqlCommand(insert, connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Every row's (tenant_id, org_id), per table, as text: equal before and after means no org_id was touched.</summary>
    public static async Task<string> OrgColumnsFingerprintAsync(string ownerConnectionString)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var parts = new List<string>();
        foreach (var table in LegacyBaseline.Tables)
        {
            var row = $"coalesce(org_id, '<null>') || '/' || {(table == "organizations" ? "''" : "tenant_id")}";
            await using var command = new NpgsqlCommand($"SELECT '{table}:' || coalesce(string_agg({row}, ',' ORDER BY {row}), '') FROM {table}", connection);
            parts.Add((string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
        }

        return string.Join(";", parts);
    }
}
