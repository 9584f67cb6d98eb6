using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>Preflight against real databases in the states an upgrade meets (shared cluster; its roles are provisioned).</summary>
public sealed class PreflightDatabaseTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FreshDatabase_ProductionReady_NoFailAndExitZero()
    {
        await using var database = await (await PostgresCluster.GetAsync()).CreateEmptyDatabaseAsync("pffresh");

        var run = await PreflightRun.RunAsync(Production(database), "rds:axonflow-pre-v9");

        Assert.Equal(0, run.ExitCode);
        run.Expect("postgres-version", "PASS", "PostgreSQL 15");
        run.Expect("schema-migrations", "PASS", "fresh database");
        run.Expect("org-id-scan", "PASS", "no tables with an org_id column yet");
        run.Expect("deployment-env", "PASS", "DEPLOYMENT_KIND=production, ORG_ID=acme-corp");
        run.Expect("runtime-roles", "PASS", "axonflow_app_role present (NOBYPASSRLS, password set); axonflow_platform_admin present (BYPASSRLS, password set)");
        run.Expect("backup-policy", "PASS", "backup evidence supplied: rds:axonflow-pre-v9");
        run.Expect("local-dev-org", "PASS", "no row belongs to local-dev-org");
        run.Expect("app-role-pairing", "PASS", "no guarded worker is enabled");
        Assert.Contains("WARN app-role-pairing: customized-handler audit:", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("preflight: 8 PASS, 1 WARN, 0 FAIL. Read every WARN, then continue with the upgrade.", run.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegacyDatabase_PreviewsBothBackfillPasses()
    {
        await using var database = await LegacySchema.CreateAsync("pflegacy");

        var run = await PreflightRun.RunAsync(Production(database));

        run.Expect("schema-migrations", "PASS", "legacy pre-identity schema (13/13 baseline tables, no schema_migrations)");
        run.Expect("org-id-scan", "PASS", "Pass 1 makes 12 cs_* row(s) their own org (");
        run.Expect("org-id-scan", "PASS", "Pass 2 stamps 24 row(s) with ORG_ID=acme-corp (agent_audit_logs 2, api_keys 2, audit_logs 2,");
        run.Expect("backup-policy", "WARN", "no backup can be confirmed from the server (archive_mode=off) and no --backup-evidence was given");
    }

    [Fact]
    public async Task LegacyDatabase_GlobalRowOutsideThePolicyTables_Warns()
    {
        await using var database = await LegacySchema.CreateAsync("pfglobal");
        await ExecuteAsync(database, "INSERT INTO audit_logs (org_id, tenant_id, request_id) VALUES ('', 'global', 'g1')");

        var run = await PreflightRun.RunAsync(Production(database));

        run.Expect("org-id-scan", "WARN", "1 row(s) with tenant_id='global' on audit_logs 1 keep an empty org_id that no org can see");
    }

    [Fact]
    public async Task LegacyDatabase_ProductionWithoutOrgId_FailsBeforeAndAfterTheAbortedBoot()
    {
        await using var database = await LegacySchema.CreateAsync("pfabort");
        var environment = Production(database);
        environment.Remove("ORG_ID");

        var before = await PreflightRun.RunAsync(environment);
        await using (var owner = database.CreateOwnerDataSource())
        {
            var migrator = new Migrator(owner, MigrationCatalog.Embedded, TimeProvider.System, NullLogger<Migrator>.Instance);
            await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpAsync(new MigrationContext(null, Core.Identity.DeploymentKind.Production), null, Token));
        }

        var after = await PreflightRun.RunAsync(environment);

        Assert.Equal(1, before.ExitCode);
        before.Expect("deployment-env", "FAIL", "DEPLOYMENT_KIND=production but ORG_ID is unset: migration 003 would stop with the prod-safety abort");
        before.Expect("org-id-scan", "PASS", "the prod-safety abort would stop 003");
        Assert.Equal(1, after.ExitCode);
        after.Expect("schema-migrations", "FAIL", "1 migration(s) FAILED; 003_org_backfill: Migration 003 prod-safety abort: DEPLOYMENT_KIND=production but ORG_ID is unset");
    }

    [Fact]
    public async Task MigratedDatabase_EmptyOrgWrittenByDirectSql_Fails()
    {
        await using var database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync("pfempty");
        await ExecuteAsync(database, "INSERT INTO audit_logs (org_id, client_id, request_id) VALUES ('', 'manual', 'm1')");

        var run = await PreflightRun.RunAsync(Production(database));

        run.Expect("schema-migrations", "PASS", $"all {MigrationCatalog.Embedded.Scripts.Count} migrations applied");
        run.Expect("org-id-scan", "FAIL", "the backfill (003) has run, yet 1 row(s) have an empty org_id (audit_logs 1)");
    }

    [Fact]
    public async Task MigratedDatabase_DriftAndUnknownVersions_FailThenWarn()
    {
        await using var database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync("pfdrift");
        await ExecuteAsync(database, "INSERT INTO schema_migrations (version, name, checksum, success) VALUES (999, 'from_the_future', 'x', true)");
        var unknown = await PreflightRun.RunAsync(Production(database));
        await ExecuteAsync(database, "UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE version = 7");

        var drift = await PreflightRun.RunAsync(Production(database));

        unknown.Expect("schema-migrations", "WARN", "the database records migration(s) 999 that this build does not know");
        drift.Expect("schema-migrations", "FAIL", "applied migration 007_rls_b3_audit_usage_tables.sql differs from the copy in this build");
    }

    [Fact]
    public async Task MigratedDatabase_InspectedAsTheAppRole_WarnsThatRlsHidesTheRows()
    {
        await using var database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync("pfhidden");
        var environment = Production(database);
        environment["DATABASE_URL"] = database.ConnectionStrings.App;

        var run = await PreflightRun.RunAsync(environment);

        run.Expect("org-id-scan", "WARN", "FORCE RLS hides the rows of agent_audit_logs, api_keys, audit_logs,");
        run.Expect("org-id-scan", "WARN", "from axonflow_app_role, so they were not counted");
    }

    [Theory]
    [InlineData("production", "acme-corp", "FAIL", "1 row(s) belong to local-dev-org (organizations 1) on a production deployment")]
    [InlineData("dev", null, "PASS", "the dev default is preserved")]
    [InlineData("dev", "acme-corp", "WARN", "but ORG_ID=acme-corp: unregistered callers now resolve to acme-corp")]
    public async Task DatabaseMigratedInDev_LocalDevOrgRows_JudgedByTheDeploymentKind(string kind, string? org, string outcome, string detail)
    {
        // The shared template was migrated in dev without ORG_ID, so 003 created the local-dev-org organizations row.
        await using var database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync("pflocaldev");
        var environment = Production(database);
        environment["DEPLOYMENT_KIND"] = kind;
        environment["ORG_ID"] = org;

        var run = await PreflightRun.RunAsync(environment);

        run.Expect("local-dev-org", outcome, detail);
    }

    [Fact]
    public async Task GuardedWorkerWithoutAdminUrl_Fails_AndTheLegacyPostureTurnsTheGuardsOff()
    {
        await using var database = await (await PostgresCluster.GetAsync()).CreateEmptyDatabaseAsync("pfpairing");
        var environment = Production(database);
        environment["ENABLE_NODE_MONITOR"] = "true";
        var guarded = await PreflightRun.RunAsync(environment);
        environment["AXONFLOW_DB_USE_APP_ROLE"] = "false";

        var legacy = await PreflightRun.RunAsync(environment);

        Assert.Equal(1, guarded.ExitCode);
        guarded.Expect("app-role-pairing", "FAIL", "the agent would refuse to boot: [NodeMonitor] needs AXONFLOW_DB_PLATFORM_ADMIN_URL");
        legacy.Expect("app-role-pairing", "PASS", "AXONFLOW_DB_USE_APP_ROLE=false: the legacy posture");
        Assert.DoesNotContain("customized-handler audit", legacy.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableOrMissingDatabase_FailsEveryDatabaseCheckWithoutPrintingTheDsn()
    {
        const string Password = "s3cret-owner-password-xyz";
        var unreachable = await PreflightRun.RunAsync(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = $"postgres://axonflow:{Password}@127.0.0.1:{OpsTestEnvironment.FreePort()}/axonflow?sslmode=disable",
        });
        var missing = await PreflightRun.RunAsync(new Dictionary<string, string?>());

        Assert.Equal(1, unreachable.ExitCode);
        unreachable.Expect("postgres-version", "FAIL", "cannot read the database: connecting as the DATABASE_URL user failed:");
        unreachable.Expect("runtime-roles", "FAIL", "not checked:");
        Assert.DoesNotContain(Password, unreachable.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        missing.Expect("schema-migrations", "FAIL", "not checked: DATABASE_URL is not set (nor PGHOST)");
    }

    [Fact]
    public async Task LibpqVariables_StandInForDatabaseUrl()
    {
        await using var database = await (await PostgresCluster.GetAsync()).CreateEmptyDatabaseAsync("pfpgvars");
        var owner = new NpgsqlConnectionStringBuilder(database.ConnectionStrings.Owner);
        var environment = Production(database);
        environment.Remove("DATABASE_URL");
        environment["PGHOST"] = owner.Host;
        environment["PGPORT"] = owner.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["PGUSER"] = owner.Username;
        environment["PGPASSWORD"] = owner.Password;
        environment["PGDATABASE"] = owner.Database;

        var run = await PreflightRun.RunAsync(environment);

        run.Expect("schema-migrations", "PASS", "fresh database");
    }

    private static Dictionary<string, string?> Production(TestDatabase database) => new()
    {
        ["DATABASE_URL"] = database.ConnectionStrings.Owner,
        ["DEPLOYMENT_KIND"] = "production",
        ["ORG_ID"] = "acme-corp",
        ["AXONFLOW_DB_APP_ROLE_URL"] = database.ConnectionStrings.App,
    };

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Token);
    }
}
