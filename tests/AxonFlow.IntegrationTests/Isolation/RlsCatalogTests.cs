using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Diagnostics;
using Npgsql;

namespace AxonFlow.IntegrationTests.Isolation;

/// <summary>Catalog lints in the spirit of Supabase's splinter: the posture is checked, not assumed.</summary>
public sealed class RlsCatalogTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task EveryOrgTable_HasRlsEnabledForcedAndAPolicy()
    {
        await using var owner = Database.CreateOwnerDataSource();

        var report = await new RlsDiagnostics(owner).GetReportAsync(TestContext.Current.CancellationToken);

        Assert.NotEmpty(report.Tables);
        Assert.All(report.Tables, t =>
        {
            Assert.True(t.Enabled, $"{t.Table}: RLS not enabled");
            Assert.True(t.Forced, $"{t.Table}: RLS not forced");
            Assert.True(t.Policies > 0, $"{t.Table}: no policy");
        });
    }

    [Fact]
    public async Task EveryOrgTable_HasACrossOrgTest()
    {
        await using var owner = Database.CreateOwnerDataSource();

        var report = await new RlsDiagnostics(owner).GetReportAsync(TestContext.Current.CancellationToken);

        Assert.Equal(OrgTables.MinimalInserts.Keys.Order(StringComparer.Ordinal), report.Tables.Select(t => t.Table).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AppRole_IsFilteredAndOwnsNothing()
    {
        await using var app = Database.CreateAppDataSource();
        var report = await new RlsDiagnostics(app).GetReportAsync(TestContext.Current.CancellationToken);

        Assert.Equal("axonflow_app_role", report.Role);
        Assert.False(report.RoleBypassesRls);
        Assert.True(report.IsEnforced);

        await using var command = app.CreateCommand("""
            SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
                   (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid),
                   (SELECT count(*) FROM pg_proc p WHERE p.proowner = r.oid)
            FROM pg_roles r WHERE r.rolname = 'axonflow_app_role'
            """);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.False(reader.GetBoolean(0), "app role is superuser");
        Assert.False(reader.GetBoolean(1), "app role has BYPASSRLS");
        Assert.False(reader.GetBoolean(2), "app role has CREATEROLE");
        Assert.False(reader.GetBoolean(3), "app role has CREATEDB");
        Assert.Equal(0L, reader.GetInt64(4));
        Assert.Equal(0L, reader.GetInt64(5));
    }

    [Fact]
    public async Task AppRole_CannotTurnRowSecurityOffToSeeRows()
    {
        await using var owner = Database.CreateOwnerDataSource();
        await using (var seed = owner.CreateCommand("INSERT INTO agent_audit_logs (org_id, action) VALUES ('lint-org', 'seeded')"))
        {
            await seed.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var app = Database.CreateAppDataSource();
        await using var connection = await app.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using (var off = new NpgsqlCommand("SET row_security = off", connection))
        {
            await off.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var select = new NpgsqlCommand("SELECT count(*) FROM agent_audit_logs", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => select.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        Assert.Contains("row-level security", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformAdmin_BypassesRls()
    {
        await using var admin = Database.CreateAdminDataSource();

        var report = await new RlsDiagnostics(admin).GetReportAsync(TestContext.Current.CancellationToken);

        Assert.Equal("axonflow_platform_admin", report.Role);
        Assert.True(report.RoleBypassesRls);
    }

    [Fact]
    public async Task SecurityDefinerFunctions_HavePinnedSearchPathDedicatedOwnerAndNoPublicExecute()
    {
        await using var owner = Database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("""
            SELECT p.proname, pg_get_userbyid(p.proowner), coalesce(array_to_string(p.proconfig, ','), ''),
                   has_function_privilege('axonflow_app_role', p.oid, 'EXECUTE'),
                   has_function_privilege('axonflow_platform_admin', p.oid, 'EXECUTE'),
                   coalesce(array_to_string(p.proacl, ','), '')
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND p.prosecdef
            ORDER BY p.proname
            """);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var name = reader.GetString(0);
            names.Add(name);
            Assert.Equal("axonflow_auth_definer", reader.GetString(1));
            Assert.Contains("search_path=", reader.GetString(2), StringComparison.Ordinal);
            Assert.True(reader.GetBoolean(3), $"{name}: app role cannot execute");
            Assert.False(reader.GetBoolean(4), $"{name}: platform admin can execute");
            Assert.DoesNotContain(reader.GetString(5).Split(','), entry => entry.StartsWith('='));
        }

        Assert.Equal(["auth_claim_client_id", "auth_lookup_api_key", "auth_lookup_api_key_v2", "auth_lookup_portal_session", "auth_lookup_portal_user", "auth_lookup_scim_token", "auth_touch_api_key", "billing_licenses_for_payment_intent", "csaas_active_tenants_for_email", "node_heartbeat", "node_register", "node_stop"], names);
    }

    [Fact]
    public async Task AuthDefinerOwner_IsNologinBypassRls()
    {
        await using var owner = Database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("SELECT rolcanlogin, rolbypassrls, rolsuper FROM pg_roles WHERE rolname = 'axonflow_auth_definer'");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);

        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.False(reader.GetBoolean(0));
        Assert.True(reader.GetBoolean(1));
        Assert.False(reader.GetBoolean(2));
    }

    [Fact]
    public async Task OrgPolicies_UseTheNullifWrappedSetting_AndNoneIsAlwaysTrue()
    {
        await using var owner = Database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("SELECT tablename, policyname, coalesce(qual, ''), coalesce(with_check, '') FROM pg_policies WHERE schemaname = 'public'");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var count = 0;
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            count++;
            var (policy, qual, check) = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
            Assert.NotEqual("true", qual);
            Assert.NotEqual("true", check);
            if (policy.EndsWith("_org_isolation", StringComparison.Ordinal))
            {
                Assert.Contains("NULLIF(current_setting('app.current_org_id'::text, true), ''::text)", qual, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("NULLIF(current_setting('app.current_org_id'::text, true), ''::text)", check, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.True(count >= OrgTables.MinimalInserts.Count);
    }
}
