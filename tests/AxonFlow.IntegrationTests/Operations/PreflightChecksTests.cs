using AxonFlow.Cli.Preflight;
using AxonFlow.Cli.Preflight.Checks;
using AxonFlow.Core.Isolation;
using AxonFlow.Postgres.Migrations;
using AxonFlow.Postgres.Operations;
using static AxonFlow.IntegrationTests.Operations.PreflightFactsBuilder;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>The eight checks' verdicts on given facts (no I/O): PASS, WARN and FAIL of each, with the remediation on every FAIL.</summary>
public sealed class PreflightChecksTests
{
    private static readonly MigrationCatalog Catalog = MigrationCatalog.Embedded;

    [Theory]
    [InlineData(150018, "2026-12-01", nameof(CheckOutcome.Pass), "PostgreSQL 15.18 (>= 14)")]
    [InlineData(180001, "2026-12-01", nameof(CheckOutcome.Pass), "(>= 14)")]
    [InlineData(140015, "2026-12-01", nameof(CheckOutcome.Warn), "major version 14 reached the end of community support on 2026-11-12")]
    [InlineData(150018, "2027-06-01", nameof(CheckOutcome.Warn), "major version 15 reaches the end of community support on 2027-11-11")]
    [InlineData(130016, "2026-12-01", nameof(CheckOutcome.Fail), "is older than 14")]
    [InlineData(90624, "2026-12-01", nameof(CheckOutcome.Fail), "is older than 14")]
    public void PostgresVersion_JudgesTheMajorVersionAndItsEndOfLife(int versionNum, string today, string outcome, string detail)
    {
        var expected = Enum.Parse<CheckOutcome>(outcome);
        var version = $"{versionNum / 10000}.{versionNum % 100}";

        var result = PostgresVersionCheck.Judge(versionNum, version, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, result.Outcome);
        Assert.Contains(detail, result.Detail, StringComparison.Ordinal);
        Assert.Equal(expected == CheckOutcome.Fail, result.Remediation?.Contains("PostgreSQL 14 or newer", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void DatabaseChecks_Unreachable_FailWithTheProblemAndARemediation()
    {
        var facts = new PreflightFactsBuilder().Unreachable("connecting as the DATABASE_URL user failed: 28P01: password authentication failed").Build();

        var results = PreflightRunner.Evaluate(facts);

        string[] databaseChecks = ["postgres-version", "schema-migrations", "org-id-scan", "runtime-roles", "backup-policy", "local-dev-org"];
        Assert.All(results.Where(r => databaseChecks.Contains(r.Check)), r =>
        {
            Assert.Equal(CheckOutcome.Fail, r.Outcome);
            Assert.Contains("28P01: password authentication failed", r.Detail, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(r.Remediation));
        });
        Assert.Equal(databaseChecks, results.Select(r => r.Check).Where(databaseChecks.Contains).Distinct());
    }

    [Fact]
    public void SchemaMigrations_FreshDatabase_Passes() =>
        AssertResult(new SchemaMigrationsCheck(Catalog), new PreflightFactsBuilder(), CheckOutcome.Pass, "fresh database");

    [Fact]
    public void SchemaMigrations_CompleteLegacySchema_Passes() =>
        AssertResult(
            new SchemaMigrationsCheck(Catalog),
            new PreflightFactsBuilder().Database(d => d with { ExistingBaselineTables = LegacyBaseline.Tables.ToHashSet() }),
            CheckOutcome.Pass,
            "legacy pre-identity schema (13/13 baseline tables, no schema_migrations)");

    [Fact]
    public void SchemaMigrations_PartialLegacySchema_Warns() =>
        AssertResult(
            new SchemaMigrationsCheck(Catalog),
            new PreflightFactsBuilder().Database(d => d with { ExistingBaselineTables = LegacyBaseline.Tables.Where(t => t != "daily_usage").ToHashSet() }),
            CheckOutcome.Warn,
            "lacks 1 of 13 baseline tables (daily_usage)");

    [Fact]
    public void SchemaMigrations_FailedMigration_FailsWithItsError()
    {
        var applied = Catalog.Scripts.Take(2).Select(s => AppliedRow(s)).Append(AppliedRow(Catalog.Scripts[2], success: false, error: "Migration 003 prod-safety abort: …"));

        AssertResult(
            new SchemaMigrationsCheck(Catalog),
            new PreflightFactsBuilder().Database(d => d with { HasMigrationTable = true, Applied = applied.ToDictionary(a => a.Version) }),
            CheckOutcome.Fail,
            "1 migration(s) FAILED; 003_org_backfill: Migration 003 prod-safety abort");
    }

    [Fact]
    public void SchemaMigrations_Drift_Fails()
    {
        var applied = Catalog.Scripts.Select(s => AppliedRow(s, checksum: s.Version == 5 ? new string('0', 64) : null));

        AssertResult(
            new SchemaMigrationsCheck(Catalog),
            new PreflightFactsBuilder().Database(d => d with { HasMigrationTable = true, Applied = applied.ToDictionary(a => a.Version) }),
            CheckOutcome.Fail,
            "applied migration 005_rls_b1_identity_tables.sql differs from the copy in this build");
    }

    [Fact]
    public void SchemaMigrations_VersionUnknownToThisBuild_Warns()
    {
        var applied = Catalog.Scripts.Select(s => AppliedRow(s)).Append(new AppliedMigration(999, "future", "x", DateTimeOffset.UnixEpoch, 1, true, null));

        AssertResult(
            new SchemaMigrationsCheck(Catalog),
            new PreflightFactsBuilder().Database(d => d with { HasMigrationTable = true, Applied = applied.ToDictionary(a => a.Version) }),
            CheckOutcome.Warn,
            "records migration(s) 999 that this build does not know");
    }

    [Fact]
    public void SchemaMigrations_PartlyApplied_PassesListingWhatIsPending()
    {
        var applied = Catalog.Scripts.Take(2).Select(s => AppliedRow(s));

        AssertResult(
            new SchemaMigrationsCheck(Catalog),
            new PreflightFactsBuilder().Database(d => d with { HasMigrationTable = true, Applied = applied.ToDictionary(a => a.Version) }),
            CheckOutcome.Pass,
            $"2 of {Catalog.Scripts.Count} migrations applied, none failed; {Catalog.Scripts.Count - 2} pending (003-{Catalog.LatestVersion:D3})");
    }

    [Fact]
    public void OrgIdScan_LegacyRows_PassesWithThePreviewOfBothPasses() =>
        AssertResult(
            new OrgIdScanCheck(),
            new PreflightFactsBuilder().Database(d => d with { OrgColumns = [Table("audit_logs", empty: 3, saas: 1), Table("api_keys", empty: 2), Table("static_policies", global: 5)] }),
            CheckOutcome.Pass,
            "backfill preview: Pass 1 makes 1 cs_* row(s) their own org (audit_logs 1); Pass 2 stamps 4 row(s) with ORG_ID=acme-corp (audit_logs 2, api_keys 2)");

    [Fact]
    public void OrgIdScan_ProductionWithoutOrgId_PreviewNamesTheAbort() =>
        AssertResult(
            new OrgIdScanCheck(),
            new PreflightFactsBuilder().Org(null).Database(d => d with { OrgColumns = [Table("audit_logs", empty: 1)] }),
            CheckOutcome.Pass,
            "the prod-safety abort would stop 003");

    [Fact]
    public void OrgIdScan_GlobalRowsOutsideThePolicyTables_Warn() =>
        AssertResult(
            new OrgIdScanCheck(),
            new PreflightFactsBuilder().Database(d => d with { OrgColumns = [Table("audit_logs", global: 2), Table("static_policies", global: 9)] }),
            CheckOutcome.Warn,
            "2 row(s) with tenant_id='global' on audit_logs 2 keep an empty org_id that no org can see");

    [Fact]
    public void OrgIdScan_TablesHiddenByRls_Warn() =>
        AssertResult(
            new OrgIdScanCheck(),
            new PreflightFactsBuilder().Database(d => d with { CurrentUser = "rds_master", OrgColumns = [Table("audit_logs", hidden: true), Table("api_keys")] }),
            CheckOutcome.Warn,
            "FORCE RLS hides the rows of audit_logs from rds_master");

    [Fact]
    public void OrgIdScan_EmptyOrgAfterTheBackfill_Fails() =>
        AssertResult(
            new OrgIdScanCheck(),
            new PreflightFactsBuilder().Database(d => d with
            {
                HasMigrationTable = true,
                Applied = Catalog.Scripts.Select(s => AppliedRow(s)).ToDictionary(a => a.Version),
                OrgColumns = [Table("audit_logs", empty: 2), Table("api_keys")],
            }),
            CheckOutcome.Fail,
            "the backfill (003) has run, yet 2 row(s) have an empty org_id (audit_logs 2)");

    [Fact]
    public void OrgIdScan_CleanAfterTheBackfill_Passes() =>
        AssertResult(
            new OrgIdScanCheck(),
            new PreflightFactsBuilder().Database(d => d with
            {
                HasMigrationTable = true,
                Applied = Catalog.Scripts.Select(s => AppliedRow(s)).ToDictionary(a => a.Version),
                OrgColumns = [Table("audit_logs"), Table("api_keys")],
            }),
            CheckOutcome.Pass,
            "the backfill (003) has run and no row has an empty org_id (2 table(s))");

    [Theory]
    [InlineData("production", "acme-corp", nameof(CheckOutcome.Pass), "DEPLOYMENT_KIND=production, ORG_ID=acme-corp")]
    [InlineData("production", null, nameof(CheckOutcome.Fail), "DEPLOYMENT_KIND=production but ORG_ID is unset: migration 003 would stop with the prod-safety abort")]
    [InlineData("production", "local-dev-org", nameof(CheckOutcome.Fail), "ORG_ID is the local-dev-org sentinel")]
    [InlineData("production", "has space", nameof(CheckOutcome.Fail), "ORG_ID is not a valid organization id")]
    [InlineData("staging", "acme-corp", nameof(CheckOutcome.Fail), "DEPLOYMENT_KIND must be dev or production, but was 'staging'")]
    [InlineData("dev", null, nameof(CheckOutcome.Pass), "DEPLOYMENT_KIND=dev, ORG_ID unset (local-dev-org)")]
    [InlineData(null, "acme-corp", nameof(CheckOutcome.Warn), "DEPLOYMENT_KIND is unset (dev), ORG_ID=acme-corp")]
    public void DeploymentEnv_JudgesKindAndOrg(string? kind, string? org, string outcome, string detail) =>
        AssertResult(new DeploymentEnvCheck(), new PreflightFactsBuilder().Kind(kind).Org(org), Enum.Parse<CheckOutcome>(outcome), detail);

    [Fact]
    public void RuntimeRoles_Absent_PassWillBeCreated() =>
        AssertResult(new RuntimeRolesCheck(), new PreflightFactsBuilder(), CheckOutcome.Pass, "axonflow_app_role absent (migration 004 will create it); axonflow_platform_admin absent");

    [Fact]
    public void RuntimeRoles_ProvisionedWithTheRightPosture_Pass() =>
        AssertResult(
            new RuntimeRolesCheck(),
            new PreflightFactsBuilder().Database(d => d with { Roles = [AppRole(hasPassword: null, marker: true), PlatformAdmin()] }),
            CheckOutcome.Pass,
            "axonflow_app_role present (NOBYPASSRLS, provisioned); axonflow_platform_admin present (BYPASSRLS, password set)");

    [Theory]
    [InlineData(true, false, true, "axonflow_app_role exists with BYPASSRLS", "ALTER ROLE axonflow_app_role NOBYPASSRLS NOSUPERUSER")]
    [InlineData(false, true, true, "axonflow_app_role exists with SUPERUSER", "ALTER ROLE axonflow_app_role NOBYPASSRLS NOSUPERUSER")]
    [InlineData(false, false, false, "axonflow_platform_admin exists without BYPASSRLS", "ALTER ROLE axonflow_platform_admin BYPASSRLS")]
    public void RuntimeRoles_WrongBypassRlsPosture_Fails(bool appBypass, bool appSuperuser, bool adminBypass, string detail, string remediation)
    {
        var facts = new PreflightFactsBuilder().Database(d => d with { Roles = [AppRole(appBypass, appSuperuser), PlatformAdmin(adminBypass)] }).Build();

        var result = Assert.Single(new RuntimeRolesCheck().Evaluate(facts));

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Contains(detail, result.Detail, StringComparison.Ordinal);
        Assert.Contains(remediation, result.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false, "cannot log in yet (no password)")]
    [InlineData(false, null, "cannot log in yet (NOLOGIN)")]
    public void RuntimeRoles_PresentButNotProvisioned_Warns(bool canLogin, bool? hasPassword, string detail) =>
        AssertResult(
            new RuntimeRolesCheck(),
            new PreflightFactsBuilder().Database(d => d with { Roles = [AppRole(canLogin: canLogin, hasPassword: hasPassword), PlatformAdmin()] }),
            CheckOutcome.Warn,
            detail);

    [Fact]
    public void BackupPolicy_ArchivingWorks_Passes() =>
        AssertResult(
            new BackupPolicyCheck(),
            new PreflightFactsBuilder().Database(d => d with { Archiver = new ArchiverState("on", "cp %p /a/%f", "", 12, DateTimeOffset.UnixEpoch.AddDays(1), 1, "0001", DateTimeOffset.UnixEpoch) }),
            CheckOutcome.Pass,
            "WAL archiving is on (archive_mode=on, 12 segment(s) archived, last at 1970-01-02 00:00:00Z)");

    [Fact]
    public void BackupPolicy_ArchivingFails_Fails() =>
        AssertResult(
            new BackupPolicyCheck(),
            new PreflightFactsBuilder().Database(d => d with { Archiver = new ArchiverState("on", "false", "", 3, DateTimeOffset.UnixEpoch, 2, "000000010000000000000007", DateTimeOffset.UnixEpoch.AddHours(1)) }),
            CheckOutcome.Fail,
            "is failing: the last attempt (000000010000000000000007 at 1970-01-01 01:00:00Z) failed and none has succeeded since");

    [Fact]
    public void BackupPolicy_ArchivingOnWithoutDestination_Fails() =>
        AssertResult(
            new BackupPolicyCheck(),
            new PreflightFactsBuilder().Database(d => d with { Archiver = new ArchiverState("on", "", "", 0, null, 0, null, null) }),
            CheckOutcome.Fail,
            "archive_command and archive_library are empty");

    [Fact]
    public void BackupPolicy_ArchivingFailsButSnapshotEvidence_Warns() =>
        AssertResult(
            new BackupPolicyCheck(),
            new PreflightFactsBuilder().Evidence("rds:pre-v9").Database(d => d with { Archiver = new ArchiverState("on", "false", "", 0, null, 1, "0001", DateTimeOffset.UnixEpoch) }),
            CheckOutcome.Warn,
            "relying on the backup evidence supplied: rds:pre-v9");

    [Fact]
    public void BackupPolicy_NoArchivingWithEvidence_Passes() =>
        AssertResult(new BackupPolicyCheck(), new PreflightFactsBuilder().Evidence("rds:pre-v9"), CheckOutcome.Pass, "backup evidence supplied: rds:pre-v9");

    [Theory]
    [InlineData("off", "archive_mode=off")]
    [InlineData(null, "archive_mode is not visible to this role")]
    public void BackupPolicy_NothingToSee_Warns(string? archiveMode, string detail) =>
        AssertResult(
            new BackupPolicyCheck(),
            new PreflightFactsBuilder().Database(d => d with { Archiver = d.Archiver with { ArchiveMode = archiveMode } }),
            CheckOutcome.Warn,
            $"no backup can be confirmed from the server ({detail}) and no --backup-evidence was given");

    [Fact]
    public void LocalDevOrg_NoRows_Passes() =>
        AssertResult(new LocalDevOrgCheck(), new PreflightFactsBuilder().Database(d => d with { OrgColumns = [Table("audit_logs")] }), CheckOutcome.Pass, "no row belongs to local-dev-org");

    [Fact]
    public void LocalDevOrg_DevDefault_PassesAsPreserved() =>
        AssertResult(
            new LocalDevOrgCheck(),
            new PreflightFactsBuilder().Kind("dev").Org(null).Database(d => d with { OrgColumns = [Table("audit_logs", localDev: 4)] }),
            CheckOutcome.Pass,
            "4 row(s) belong to local-dev-org (audit_logs 4), the org an unset ORG_ID resolves to: the dev default is preserved");

    [Fact]
    public void LocalDevOrg_DevWithAnotherOrgId_Warns() =>
        AssertResult(
            new LocalDevOrgCheck(),
            new PreflightFactsBuilder().Kind("dev").Database(d => d with { OrgColumns = [Table("audit_logs", localDev: 4)] }),
            CheckOutcome.Warn,
            "but ORG_ID=acme-corp: unregistered callers now resolve to acme-corp");

    [Fact]
    public void LocalDevOrg_RowsOnAProductionDeployment_Fail() =>
        AssertResult(
            new LocalDevOrgCheck(),
            new PreflightFactsBuilder().Database(d => d with { OrgColumns = [Table("audit_logs", localDev: 4), Table("organizations", localDev: 1)] }),
            CheckOutcome.Fail,
            "5 row(s) belong to local-dev-org (audit_logs 4, organizations 1) on a production deployment");

    [Fact]
    public void AppRolePairing_LegacyPosture_PassesWithoutTheAdvisory()
    {
        var facts = new PreflightFactsBuilder().Environment(e => e with { UseAppRoleValue = "false", UseAppRole = false }).Workers(AdminPoolWorker.NodeMonitor).Build();

        var result = Assert.Single(new AppRolePairingCheck().Evaluate(facts));

        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Contains("the refuse-to-boot guards are no-ops", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AppRolePairing_AppRoleWithoutGuardedWorkers_PassesAndAlwaysAddsTheAdvisory()
    {
        var results = new AppRolePairingCheck().Evaluate(new PreflightFactsBuilder().Build());

        Assert.Equal([CheckOutcome.Pass, CheckOutcome.Warn], results.Select(r => r.Outcome));
        Assert.Contains("AXONFLOW_DB_USE_APP_ROLE unset (default true), AXONFLOW_DB_APP_ROLE_URL set, no guarded worker is enabled", results[0].Detail, StringComparison.Ordinal);
        Assert.Equal(AppRolePairingCheck.AdvisoryDetail, results[1].Detail);
    }

    [Fact]
    public void AppRolePairing_GuardedWorkersWithoutAdminUrl_FailNamingEachGuard()
    {
        var facts = new PreflightFactsBuilder().Workers(AdminPoolWorker.NodeMonitor, AdminPoolWorker.CommunitySaasSweep).Build();

        var results = new AppRolePairingCheck().Evaluate(facts);

        Assert.Equal([CheckOutcome.Fail, CheckOutcome.Warn], results.Select(r => r.Outcome));
        Assert.Contains("the agent would refuse to boot: [NodeMonitor] needs AXONFLOW_DB_PLATFORM_ADMIN_URL, [CSAAS-SWEEP] needs AXONFLOW_DB_PLATFORM_ADMIN_URL", results[0].Detail, StringComparison.Ordinal);
        Assert.Contains("AXONFLOW_DB_PLATFORM_ADMIN_URL", results[0].Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void AppRolePairing_CustomerPortalWithoutAdminKey_FailsNamingTheKey()
    {
        var facts = new PreflightFactsBuilder().Environment(e => e with { PlatformAdminUrlSet = true }).Workers(AdminPoolWorker.CustomerPortal).Build();

        var result = new AppRolePairingCheck().Evaluate(facts)[0];

        Assert.Equal(CheckOutcome.Fail, result.Outcome);
        Assert.Contains("[customer-portal] needs ADMIN_API_KEY", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AppRolePairing_GuardedWorkersWithAdminUrl_Pass()
    {
        var facts = new PreflightFactsBuilder().Environment(e => e with { PlatformAdminUrlSet = true }).Workers(AdminPoolWorker.Marketplace).Build();

        var result = new AppRolePairingCheck().Evaluate(facts)[0];

        Assert.Equal(CheckOutcome.Pass, result.Outcome);
        Assert.Contains("the guarded workers [Marketplace] have AXONFLOW_DB_PLATFORM_ADMIN_URL", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("production", nameof(CheckOutcome.Fail), "AXONFLOW_DB_APP_ROLE_URL is unset: the agent refuses to start in production")]
    [InlineData("dev", nameof(CheckOutcome.Warn), "request traffic falls back to DATABASE_URL (dev only)")]
    public void AppRolePairing_AppRoleWithoutItsUrl_DependsOnTheKind(string kind, string outcome, string detail)
    {
        var expected = Enum.Parse<CheckOutcome>(outcome);
        var facts = new PreflightFactsBuilder().Kind(kind).Environment(e => e with { AppRoleUrlSet = false }).Build();

        var result = new AppRolePairingCheck().Evaluate(facts)[0];

        Assert.Equal(expected, result.Outcome);
        Assert.Contains(detail, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AppRolePairing_InvalidValues_Fail()
    {
        var invalid = new PreflightFactsBuilder().Environment(e => e with { UseAppRoleValue = "maybe", UseAppRole = null }).Build();
        var switches = new PreflightFactsBuilder().Environment(e => e with { SwitchErrors = ["ENABLE_NODE_MONITOR must be true or false, but was 'y'."] }).Build();

        var invalidResult = Assert.Single(new AppRolePairingCheck().Evaluate(invalid));
        var switchResult = Assert.Single(new AppRolePairingCheck().Evaluate(switches));

        Assert.Equal(CheckOutcome.Fail, invalidResult.Outcome);
        Assert.Contains("AXONFLOW_DB_USE_APP_ROLE must be true or false, but was 'maybe'", invalidResult.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Fail, switchResult.Outcome);
        Assert.Contains("ENABLE_NODE_MONITOR must be true or false", switchResult.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFail_CarriesARemediation()
    {
        var hostile = new PreflightFactsBuilder().Kind("staging").Environment(e => e with { UseAppRoleValue = "maybe", UseAppRole = null }).Database(d => d with
        {
            ServerVersionNum = 120000,
            HasMigrationTable = true,
            Applied = new Dictionary<int, AppliedMigration> { [3] = AppliedRow(Catalog.Scripts[2], success: false, error: "x") },
            Roles = [AppRole(bypass: true), PlatformAdmin(bypass: false)],
            OrgColumns = [Table("audit_logs", localDev: 1)],
            Archiver = new ArchiverState("on", "", "", 0, null, 0, null, null),
        }).Build();

        var failures = PreflightRunner.Evaluate(hostile).Where(r => r.Outcome == CheckOutcome.Fail).ToList();

        Assert.True(failures.Count >= 6, string.Join(Environment.NewLine, failures));
        Assert.All(failures, f => Assert.False(string.IsNullOrWhiteSpace(f.Remediation), f.Check));
    }

    private static void AssertResult(IPreflightCheck check, PreflightFactsBuilder facts, CheckOutcome expected, string detail)
    {
        var result = check.Evaluate(facts.Build())[0];

        Assert.True(expected == result.Outcome, $"expected {expected}, got {result.Outcome}: {result.Detail}");
        Assert.Contains(detail, result.Detail, StringComparison.Ordinal);
        Assert.Equal(check.Name, result.Check);
        if (expected == CheckOutcome.Fail)
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Remediation));
        }
    }
}
