using System.Net;
using AxonFlow.IntegrationTests.Cli;
using AxonFlow.Postgres.Operations;
using Npgsql;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>
/// The staged upgrade of seed 000 through the real CLI: a legacy v8.x database (tenant ids only, empty org ids, cs_* rows)
/// runs the whole chain; each backfill pass logs its counts and a verify line per table; Stage C finds no empty org_id.
/// </summary>
public sealed class UpgradePathTests
{
    /// <summary>Seed 000, Stage C, query 3, verbatim.</summary>
    private const string SeedStageCQuery = """
        SELECT 'audit_logs' AS t, COUNT(*) FROM audit_logs WHERE org_id IS NULL OR org_id = ''
        UNION ALL SELECT 'mcp_query_audits', COUNT(*) FROM mcp_query_audits WHERE org_id IS NULL OR org_id = ''
        UNION ALL SELECT 'static_policies', COUNT(*) FROM static_policies WHERE (org_id IS NULL OR org_id = '') AND tenant_id <> 'global'
        UNION ALL SELECT 'dynamic_policies', COUNT(*) FROM dynamic_policies WHERE (org_id IS NULL OR org_id = '') AND tenant_id <> 'global'
        UNION ALL SELECT 'service_identities', COUNT(*) FROM service_identities WHERE org_id IS NULL OR org_id = ''
        UNION ALL SELECT 'execution_history', COUNT(*) FROM execution_history WHERE org_id IS NULL OR org_id = '';
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MigrateUp_LegacyDatabase_LogsEachPassAndAVerifyLinePerTable_AndStageCFindsNoEmptyOrg()
    {
        await using var database = await LegacySchema.CreateAsync("upgrade");

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(OpsTestEnvironment.Production(database, "acme-corp"), "migrate", "up");
        var log = stdout + stderr;

        Assert.True(exitCode == 0, log);
        Assert.Contains("Set app.deployment_org_id=acme-corp session variable for migration 003_org_backfill.sql backfill", log, StringComparison.Ordinal);
        Assert.Contains("Set app.deployment_kind=production session variable for migration 003_org_backfill.sql prod-safety precondition", log, StringComparison.Ordinal);
        Assert.Contains("Migration 003 Pass-1 PREP: deployment org=acme-corp organizations row ensured (1 new)", log, StringComparison.Ordinal);
        foreach (var table in LegacyBaseline.TenantTables)
        {
            var rows = LegacyBaseline.GlobalRowTables.Contains(table) ? 4 : 3;
            Assert.Contains($"Migration 002: {table}.client_id backfilled from tenant_id on {rows} rows", log, StringComparison.Ordinal);
            Assert.Contains($"Migration 003 Pass-1: {table}.org_id set from cs_ tenant on {LegacySchema.Pass1RowsPerTable} rows", log, StringComparison.Ordinal);
            Assert.Contains($"Migration 003 Pass-2: {table}.org_id=acme-corp set on {LegacySchema.Pass2RowsPerTable} rows", log, StringComparison.Ordinal);
            Assert.Contains($"Migration 003 verify: {table}.org_id rows with empty/shared org_id = 0", log, StringComparison.Ordinal);
        }

        Assert.Contains("Migration 003 complete — v9 org_id backfill", log, StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(database.ConnectionStrings.Owner).Password!, log, StringComparison.Ordinal);

        await using var owner = database.CreateOwnerDataSource();
        Assert.All(await StageCAsync(owner), row => Assert.True(row.Count == 0, $"{row.Table}: {row.Count} rows with an empty org_id"));
        await using var connection = await owner.OpenConnectionAsync(Token);
        var census = await OrgColumnCensus.ReadAsync(connection, null, Token);
        Assert.Superset(LegacyBaseline.Tables.ToHashSet(), census.Select(c => c.Table).ToHashSet());
        Assert.All(census, c => Assert.True(c.EmptyOrgRows == 0, $"{c.Table}: {c.EmptyOrgRows} rows with an empty org_id"));
        Assert.Equal(["acme-corp", "acme-corp", LegacySchema.SaasTenant], await ColumnAsync(owner, "SELECT org_id FROM audit_logs ORDER BY request_id"));
        Assert.Equal(["acme-prod-api", "acme-batch", LegacySchema.SaasTenant], await ColumnAsync(owner, "SELECT client_id FROM audit_logs ORDER BY request_id"));
        Assert.Equal(["<global>"], await ColumnAsync(owner, "SELECT coalesce(org_id, '<global>') FROM static_policies WHERE policy_id = 'legacy_global_rule'"));
    }

    [Fact]
    public async Task Serve_ProductionWithoutOrgId_ExitsNonZeroTouchingNoRow_ThenBootsOnceOrgIdIsSet()
    {
        await using var database = await LegacySchema.CreateAsync("prodsafety");
        var before = await LegacySchema.OrgColumnsFingerprintAsync(database.ConnectionStrings.Owner);

        var unset = await CliProcess.RunAsync(OpsTestEnvironment.Production(database, null), "serve", "--urls", "http://127.0.0.1:0");
        var sentinel = await CliProcess.RunAsync(OpsTestEnvironment.Production(database, "local-dev-org"), "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, unset.ExitCode);
        Assert.Contains(
            "axonflow serve: Migration 003_org_backfill.sql failed and was rolled back: Migration 003 prod-safety abort: DEPLOYMENT_KIND=production but ORG_ID is unset; refusing to stamp the dev sentinel onto customer rows. Set ORG_ID to your real customer identifier and restart.",
            unset.Stderr,
            StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", unset.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, sentinel.ExitCode);
        Assert.Contains("ORG_ID is the local-dev-org sentinel", sentinel.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await LegacySchema.OrgColumnsFingerprintAsync(database.ConnectionStrings.Owner));
        await using (var owner = database.CreateOwnerDataSource())
        {
            // Not even the identity split ran: an aborted boot applies nothing.
            Assert.Equal(0L, await ScalarAsync<long>(owner, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'client_id'"));
            Assert.Equal(0L, await ScalarAsync<long>(owner, "SELECT count(*) FROM schema_migrations WHERE success"));
        }

        var port = OpsTestEnvironment.FreePort();
        using var serve = CliProcess.Start(OpsTestEnvironment.Production(database, "acme-corp"), "serve", "--urls", $"http://127.0.0.1:{port}");
        await serve.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(90));
        using (var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") })
        {
            var ready = await client.GetAsync("/health/ready", Token);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        NpgsqlConnection.ClearAllPools();
        serve.Terminate();
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await using var after = database.CreateOwnerDataSource();
        Assert.All(await StageCAsync(after), row => Assert.Equal(0L, row.Count));
        Assert.Equal(["acme-corp", "acme-corp", LegacySchema.SaasTenant], await ColumnAsync(after, "SELECT org_id FROM audit_logs ORDER BY request_id"));
    }

    private static async Task<List<(string Table, long Count)>> StageCAsync(NpgsqlDataSource owner)
    {
        var rows = new List<(string, long)>();
        await using var command = owner.CreateCommand(SeedStageCQuery);
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        Assert.Equal(6, rows.Count);
        return rows;
    }

    private static async Task<List<string>> ColumnAsync(NpgsqlDataSource owner, string sql)
    {
        var values = new List<string>();
        await using var command = owner.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource owner, string sql)
    {
        await using var command = owner.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Token))!;
    }
}
