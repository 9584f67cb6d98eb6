using AxonFlow.Cli.Commands;
using AxonFlow.Postgres.Roles;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>
/// <c>axonflow provision-app-role</c> on a cluster of its own (role passwords are cluster-wide): set, no-op, refusal,
/// FORCE_RESET rotation, bad input, missing or misconfigured roles, dry run, and an owner that cannot read pg_authid.
/// </summary>
[Collection(PrivateClusterGroup.Name)]
public sealed class ProvisionAppRoleTests(PrivateClusterFixture cluster)
{
    private const string AppPassword = "app-role-password-0123456789";
    private const string AdminPassword = "platform-admin-password-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RolesWithoutPasswords_SetsBoth_VerifiesEachLogin_AndPrintsTemplatesWithoutThePasswords()
    {
        var database = await PrepareAsync("provset");

        var (exitCode, stdout, stderr) = await RunAsync(database);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("axonflow_app_role: password set from APP_ROLE_PASSWORD; login verified (NOBYPASSRLS)", stdout, StringComparison.Ordinal);
        Assert.Contains("axonflow_platform_admin: password set from PLATFORM_ADMIN_PASSWORD; login verified (BYPASSRLS)", stdout, StringComparison.Ordinal);
        var owner = new NpgsqlConnectionStringBuilder(cluster.OwnerConnectionString(database));
        Assert.Contains($"AXONFLOW_DB_APP_ROLE_URL=postgres://axonflow_app_role:$APP_ROLE_PASSWORD@:{owner.Port}/{database}?host=", stdout, StringComparison.Ordinal);
        Assert.Contains($"AXONFLOW_DB_PLATFORM_ADMIN_URL=postgres://axonflow_platform_admin:$PLATFORM_ADMIN_PASSWORD@:{owner.Port}/{database}?host=", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(AppPassword, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminPassword, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.Password!, stdout + stderr, StringComparison.Ordinal);
        Assert.True(await CanLogInAsync(database, RuntimeRoles.AppRole, AppPassword));
        Assert.True(await CanLogInAsync(database, RuntimeRoles.PlatformAdmin, AdminPassword));
        Assert.Equal(RuntimeRoles.ProvisionedMarker, await cluster.ScalarAsync<string>("postgres", $"SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = '{RuntimeRoles.AppRole}'"));
    }

    [Fact]
    public async Task SamePasswordsAgain_IsANoOp()
    {
        var database = await PrepareAsync("provnoop");
        Assert.Equal(0, (await RunAsync(database)).ExitCode);
        var verifiers = await VerifiersAsync();

        var (exitCode, stdout, _) = await RunAsync(database);

        Assert.Equal(0, exitCode);
        Assert.Contains("axonflow_app_role: password unchanged (it already accepts APP_ROLE_PASSWORD); login verified (NOBYPASSRLS)", stdout, StringComparison.Ordinal);
        Assert.Contains("axonflow_platform_admin: password unchanged (it already accepts PLATFORM_ADMIN_PASSWORD)", stdout, StringComparison.Ordinal);
        // A SCRAM verifier carries a random salt: had the password been set again, it would differ.
        Assert.Equal(verifiers, await VerifiersAsync());
    }

    [Fact]
    public async Task DifferentPassword_IsRefusedAndChangesNothing()
    {
        var database = await PrepareAsync("provrefuse");
        Assert.Equal(0, (await RunAsync(database)).ExitCode);
        var verifiers = await VerifiersAsync();

        var (exitCode, stdout, stderr) = await RunAsync(database, ("APP_ROLE_PASSWORD", "another-app-password-0123456789"));

        Assert.Equal(1, exitCode);
        Assert.Contains(
            "axonflow provision-app-role: role axonflow_app_role already has a password and it is not APP_ROLE_PASSWORD; refusing to change it. If you mean to rotate it, re-run with FORCE_RESET=1",
            stderr,
            StringComparison.Ordinal);
        Assert.Contains("axonflow provision-app-role: nothing was changed.", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.Equal(verifiers, await VerifiersAsync());
        Assert.True(await CanLogInAsync(database, RuntimeRoles.AppRole, AppPassword));
    }

    [Fact]
    public async Task DifferentPasswordWithForceReset_RotatesIt()
    {
        const string Rotated = "rotated-app-password-0123456789";
        var database = await PrepareAsync("provrotate");
        Assert.Equal(0, (await RunAsync(database)).ExitCode);

        var (exitCode, stdout, _) = await RunAsync(database, ("APP_ROLE_PASSWORD", Rotated), ("FORCE_RESET", "1"));

        Assert.Equal(0, exitCode);
        Assert.Contains("axonflow_app_role: password rotated to APP_ROLE_PASSWORD (FORCE_RESET=1); login verified (NOBYPASSRLS)", stdout, StringComparison.Ordinal);
        Assert.Contains("axonflow_platform_admin: password unchanged", stdout, StringComparison.Ordinal);
        Assert.True(await CanLogInAsync(database, RuntimeRoles.AppRole, Rotated));
        Assert.False(await CanLogInAsync(database, RuntimeRoles.AppRole, AppPassword));
    }

    [Theory]
    [InlineData("APP_ROLE_PASSWORD", "", "APP_ROLE_PASSWORD is not set: this command never generates a password.")]
    [InlineData("PLATFORM_ADMIN_PASSWORD", "short", "PLATFORM_ADMIN_PASSWORD must be at least 16 characters, but was 5.")]
    [InlineData("PLATFORM_ADMIN_PASSWORD", AppPassword, "APP_ROLE_PASSWORD and PLATFORM_ADMIN_PASSWORD must differ")]
    [InlineData("FORCE_RESET", "maybe", "FORCE_RESET must be 1 or 0, but was 'maybe'.")]
    public async Task UnusableInput_ExitsOneNamingTheVariable_AndSetsNothing(string variable, string value, string message)
    {
        var database = await PrepareAsync("provinput");

        var (exitCode, _, stderr) = await RunAsync(database, (variable, value));

        Assert.Equal(1, exitCode);
        Assert.Contains("axonflow provision-app-role: " + message, stderr, StringComparison.Ordinal);
        Assert.Equal("false,false", await HasPasswordsAsync());
    }

    [Fact]
    public async Task RoleWithTheWrongPosture_IsRefusedBeforeAnyPasswordIsSet()
    {
        var database = await PrepareAsync("provposture");
        await cluster.ExecuteAsync("postgres", $"ALTER ROLE {RuntimeRoles.PlatformAdmin} NOBYPASSRLS");
        try
        {
            var (exitCode, _, stderr) = await RunAsync(database);

            Assert.Equal(1, exitCode);
            Assert.Contains("role axonflow_platform_admin must be BYPASSRLS but is not; no password was set. As a superuser run ALTER ROLE axonflow_platform_admin BYPASSRLS", stderr, StringComparison.Ordinal);
            Assert.Equal("false,false", await HasPasswordsAsync());
        }
        finally
        {
            await cluster.ResetRuntimeRolesAsync();
        }
    }

    [Fact]
    public async Task RolesMissing_AsksForTheMigrationsFirst()
    {
        await cluster.DropRuntimeRolesAsync();
        var database = await cluster.CreateEmptyDatabaseAsync("provmissing");

        var (exitCode, _, stderr) = await RunAsync(database);

        Assert.Equal(1, exitCode);
        Assert.Contains("role axonflow_app_role does not exist: run `axonflow migrate up` first (migration 004 creates it).", stderr, StringComparison.Ordinal);
        Assert.Contains("role axonflow_platform_admin does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_ReportsThePlanAndChangesNothing()
    {
        var database = await PrepareAsync("provdry");

        var (exitCode, stdout, _) = await RunAsync(database, dryRun: true);

        Assert.Equal(0, exitCode);
        Assert.Contains("axonflow_app_role: would set the password (dry run: nothing changed)", stdout, StringComparison.Ordinal);
        Assert.Contains("axonflow_platform_admin: would set the password (dry run: nothing changed)", stdout, StringComparison.Ordinal);
        Assert.Equal("false,false", await HasPasswordsAsync());
    }

    [Fact]
    public async Task OwnerThatCannotReadPgAuthid_StillTellsAProvisionedRoleFromANewOne()
    {
        // Like an RDS master user: CREATEROLE, not a superuser, so pg_authid is unreadable and the role comment is the evidence.
        const string OwnerPassword = "limited-owner-password-0123456789";
        var database = await PrepareAsync("provlimited");
        await cluster.ExecuteAsync("postgres", $"DROP ROLE IF EXISTS ops_limited_owner; CREATE ROLE ops_limited_owner LOGIN CREATEROLE PASSWORD '{OwnerPassword}'");
        var limited = new NpgsqlConnectionStringBuilder(cluster.OwnerConnectionString(database)) { Username = "ops_limited_owner", Password = OwnerPassword }.ConnectionString;
        try
        {
            await using (var probe = new NpgsqlConnection(limited))
            {
                await probe.OpenAsync(Token);
                await using var canRead = new NpgsqlCommand("SELECT has_table_privilege('pg_catalog.pg_authid', 'SELECT')", probe);
                Assert.Equal(false, await canRead.ExecuteScalarAsync(Token));
            }

            var first = await RunAsOwnerAsync(limited, [], dryRun: false);
            var second = await RunAsOwnerAsync(limited, [("APP_ROLE_PASSWORD", "another-app-password-0123456789")], dryRun: false);

            Assert.True(first.ExitCode == 0, first.Stderr);
            Assert.Contains("axonflow_app_role: password set from APP_ROLE_PASSWORD", first.Stdout, StringComparison.Ordinal);
            Assert.Equal(1, second.ExitCode);
            Assert.Contains("role axonflow_app_role already has a password and it is not APP_ROLE_PASSWORD", second.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.ExecuteAsync("postgres", "DROP ROLE IF EXISTS ops_limited_owner");
        }
    }

    [Fact]
    public async Task WrapperScript_RealProcess_SetsOnceThenRefusesAMismatchWithExitOne()
    {
        var database = await PrepareAsync("provwrapper");
        var script = Path.Combine(ScriptProcess.RepositoryRoot, "scripts", "operators", "provision-app-role.sh");
        var environment = new Dictionary<string, string>
        {
            ["AXONFLOW_BIN"] = ScriptProcess.AxonFlowShim,
            ["DATABASE_URL"] = cluster.OwnerConnectionString(database),
            ["APP_ROLE_PASSWORD"] = AppPassword,
            ["PLATFORM_ADMIN_PASSWORD"] = AdminPassword,
        };

        var first = await ScriptProcess.RunAsync(script, environment);
        var again = await ScriptProcess.RunAsync(script, environment);
        var mismatch = await ScriptProcess.RunAsync(script, new Dictionary<string, string>(environment) { ["PLATFORM_ADMIN_PASSWORD"] = "other-admin-password-0123456789" });
        var dryRun = await ScriptProcess.RunAsync(script, environment, "--dry-run");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("AXONFLOW_DB_APP_ROLE_URL=postgres://axonflow_app_role:$APP_ROLE_PASSWORD@", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("password unchanged", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, mismatch.ExitCode);
        Assert.Contains("role axonflow_platform_admin already has a password and it is not PLATFORM_ADMIN_PASSWORD", mismatch.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains("axonflow_app_role: password unchanged (it already accepts the supplied one) (dry run: nothing changed)", dryRun.Stdout, StringComparison.Ordinal);
        Assert.All(new[] { first, again, mismatch, dryRun }, r => Assert.DoesNotContain(AppPassword, r.Stdout + r.Stderr, StringComparison.Ordinal));
        Assert.All(new[] { first, again, mismatch, dryRun }, r => Assert.DoesNotContain(AdminPassword, r.Stdout + r.Stderr, StringComparison.Ordinal));
    }

    private async Task<string> PrepareAsync(string purpose)
    {
        var database = await cluster.CreateMigratedDatabaseAsync(purpose);
        await cluster.ResetRuntimeRolesAsync();
        return database;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string database, params (string Name, string Value)[] overrides) =>
        RunAsOwnerAsync(cluster.OwnerConnectionString(database), overrides, dryRun: false);

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string database, bool dryRun) =>
        RunAsOwnerAsync(cluster.OwnerConnectionString(database), [], dryRun);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsOwnerAsync(string ownerConnectionString, (string Name, string Value)[] overrides, bool dryRun)
    {
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = ownerConnectionString,
            ["APP_ROLE_PASSWORD"] = AppPassword,
            ["PLATFORM_ADMIN_PASSWORD"] = AdminPassword,
        };
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();
        var exitCode = await ProvisionAppRoleCommand.RunAsync(configuration, dryRun, stdout, stderr, Token);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private async Task<bool> CanLogInAsync(string database, string role, string password)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(cluster.OwnerConnectionString(database)) { Username = role, Password = password, Pooling = false }.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(Token);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            return false;
        }
    }

    private async Task<string> VerifiersAsync() => await cluster.ScalarAsync<string>(
        "postgres",
        $"SELECT string_agg(rolname || '=' || coalesce(rolpassword, '-'), ',' ORDER BY rolname) FROM pg_authid WHERE rolname IN ('{RuntimeRoles.AppRole}', '{RuntimeRoles.PlatformAdmin}')");

    private Task<string> HasPasswordsAsync() => cluster.ScalarAsync<string>(
        "postgres",
        $"SELECT string_agg((rolpassword IS NOT NULL)::text, ',' ORDER BY rolname) FROM pg_authid WHERE rolname IN ('{RuntimeRoles.AppRole}', '{RuntimeRoles.PlatformAdmin}')");
}
