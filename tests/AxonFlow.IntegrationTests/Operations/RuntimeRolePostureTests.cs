using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Migrations;
using AxonFlow.Postgres.Roles;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>
/// The roles stage (004) and preflight check 5 on a cluster of their own: roles absent, present without a password,
/// present with the wrong BYPASSRLS posture (004 refuses, preflight fails), and provisioned.
/// </summary>
[Collection(PrivateClusterGroup.Name)]
public sealed class RuntimeRolePostureTests(PrivateClusterFixture cluster)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RolesAbsent_PreflightPasses_AndMigration004CreatesThemWithTheirPosture()
    {
        await cluster.DropRuntimeRolesAsync();
        var database = await cluster.CreateEmptyDatabaseAsync("rolesabsent");

        var run = await PreflightRun.RunAsync(Environment(database));
        await MigrateAsync(database);

        run.Expect("runtime-roles", "PASS", "axonflow_app_role absent (migration 004 will create it); axonflow_platform_admin absent (migration 004 will create it)");
        Assert.Equal("f/f/t", await cluster.ScalarAsync<string>("postgres", $"SELECT rolbypassrls::text::char || '/' || rolsuper::text::char || '/' || rolcanlogin::text::char FROM pg_roles WHERE rolname = '{RuntimeRoles.AppRole}'"));
        Assert.Equal("t/f/t", await cluster.ScalarAsync<string>("postgres", $"SELECT rolbypassrls::text::char || '/' || rolsuper::text::char || '/' || rolcanlogin::text::char FROM pg_roles WHERE rolname = '{RuntimeRoles.PlatformAdmin}'"));
    }

    [Fact]
    public async Task RolesWithoutPasswords_PreflightWarnsToProvision()
    {
        var database = await cluster.CreateMigratedDatabaseAsync("rolesnopw");
        await cluster.ResetRuntimeRolesAsync();

        var run = await PreflightRun.RunAsync(Environment(database));

        run.Expect("runtime-roles", "WARN", "axonflow_app_role exists (NOBYPASSRLS) but cannot log in yet (no password)");
        Assert.Contains("axonflow provision-app-role", run.Of("runtime-roles").Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppRoleWithBypassRls_Migration004Refuses_AndPreflightFails()
    {
        var database = await cluster.CreateMigratedDatabaseAsync("approlebypass");
        var fresh = await cluster.CreateEmptyDatabaseAsync("approlebypassfresh");
        await cluster.ResetRuntimeRolesAsync();
        await cluster.ExecuteAsync("postgres", $"ALTER ROLE {RuntimeRoles.AppRole} BYPASSRLS");
        try
        {
            var run = await PreflightRun.RunAsync(Environment(database));
            var error = await Assert.ThrowsAsync<MigrationFailedException>(() => MigrateAsync(fresh));

            Assert.Equal(1, run.ExitCode);
            run.Expect("runtime-roles", "FAIL", "axonflow_app_role exists with BYPASSRLS, so FORCE RLS would not filter request traffic");
            Assert.Contains("ALTER ROLE axonflow_app_role NOBYPASSRLS NOSUPERUSER", run.Of("runtime-roles").Remediation, StringComparison.Ordinal);
            Assert.Equal("004_roles.sql", error.FileName);
            Assert.Contains("Migration 004: role axonflow_app_role exists with BYPASSRLS or SUPERUSER; FORCE RLS would be decorative. Run ALTER ROLE axonflow_app_role NOBYPASSRLS NOSUPERUSER and retry.", error.Message, StringComparison.Ordinal);
            Assert.False(await cluster.ScalarAsync<bool>(fresh, "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = 4 AND success)"));
        }
        finally
        {
            await cluster.ResetRuntimeRolesAsync();
        }
    }

    [Fact]
    public async Task PlatformAdminWithoutBypassRls_Migration004Refuses_AndPreflightFails()
    {
        var database = await cluster.CreateMigratedDatabaseAsync("adminnobypass");
        var fresh = await cluster.CreateEmptyDatabaseAsync("adminnobypassfresh");
        await cluster.ResetRuntimeRolesAsync();
        await cluster.ExecuteAsync("postgres", $"ALTER ROLE {RuntimeRoles.PlatformAdmin} NOBYPASSRLS");
        try
        {
            var run = await PreflightRun.RunAsync(Environment(database));
            var error = await Assert.ThrowsAsync<MigrationFailedException>(() => MigrateAsync(fresh));

            run.Expect("runtime-roles", "FAIL", "axonflow_platform_admin exists without BYPASSRLS, so cross-org workers would silently see 0 rows");
            Assert.Contains("Migration 004: role axonflow_platform_admin exists without BYPASSRLS; cross-org workers would silently see 0 rows. Run ALTER ROLE axonflow_platform_admin BYPASSRLS and retry.", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.ResetRuntimeRolesAsync();
        }
    }

    private Dictionary<string, string?> Environment(string database) => new()
    {
        ["DATABASE_URL"] = cluster.OwnerConnectionString(database),
        ["DEPLOYMENT_KIND"] = "production",
        ["ORG_ID"] = "acme-corp",
        ["AXONFLOW_DB_APP_ROLE_URL"] = "postgres://axonflow_app_role:x@db.invalid:5432/axonflow",
    };

    private async Task MigrateAsync(string database)
    {
        await using var owner = NpgsqlDataSource.Create(cluster.OwnerConnectionString(database));
        await new Migrator(owner, MigrationCatalog.Embedded, TimeProvider.System, NullLogger<Migrator>.Instance)
            .UpAsync(new MigrationContext(null, DeploymentKind.Dev), null, Token);
    }
}
