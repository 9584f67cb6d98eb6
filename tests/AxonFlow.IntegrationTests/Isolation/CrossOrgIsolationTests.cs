using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Diagnostics;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.IntegrationTests.Isolation;

/// <summary>Org B can read, change and delete nothing of org A's, on every org-scoped table, through the app role.</summary>
public sealed class CrossOrgIsolationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private TestDatabase Database => fixture.Database;

    [Theory]
    [MemberData(nameof(OrgTables.Names), MemberType = typeof(OrgTables))]
    public async Task OtherOrg_ReadsUpdatesAndDeletesNothing(string table)
    {
        await using var app = Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        var (orgA, orgB) = (OrgId.Create($"a-{table}"), OrgId.Create($"b-{table}"));
        await scope.RunAsync(orgA, (s, t) => ExecuteAsync(s, OrgTables.MinimalInserts[table], orgA.Value, t), Token);

        var seenByB = await scope.RunAsync(orgB, (s, t) => CountAsync(s, table, t), Token);
        var updatedByB = await scope.RunAsync(orgB, (s, t) => ExecuteAsync(s, $"UPDATE {table} SET org_id = org_id", null, t), Token);
        var deletedByB = await scope.RunAsync(orgB, (s, t) => ExecuteAsync(s, $"DELETE FROM {table}", null, t), Token);
        var seenByA = await scope.RunAsync(orgA, (s, t) => CountAsync(s, table, t), Token);

        Assert.Equal(0L, seenByB);
        Assert.Equal(0, updatedByB);
        Assert.Equal(0, deletedByB);
        Assert.Equal(1L, seenByA);
    }

    [Theory]
    [MemberData(nameof(OrgTables.Names), MemberType = typeof(OrgTables))]
    public async Task InsertWithAnotherOrgsId_IsRefused(string table)
    {
        await using var app = Database.CreateAppDataSource();
        var scope = new OrgScope(app);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            scope.RunAsync(OrgId.Create($"writer-{table}"), (s, t) => ExecuteAsync(s, OrgTables.MinimalInserts[table], $"victim-{table}", t), Token));

        Assert.Contains("new row violates row-level security policy", error.MessageText, StringComparison.Ordinal);
        await using var owner = Database.CreateOwnerDataSource();
        await using var count = owner.CreateCommand($"SELECT count(*) FROM {table} WHERE org_id = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = $"victim-{table}" });
        Assert.Equal(0L, await count.ExecuteScalarAsync(Token));
    }

    [Theory]
    [MemberData(nameof(OrgTables.Names), MemberType = typeof(OrgTables))]
    public async Task UpdateMovingARowToAnotherOrg_IsRefused(string table)
    {
        await using var app = Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        var org = OrgId.Create($"mover-{table}");
        await scope.RunAsync(org, (s, t) => ExecuteAsync(s, OrgTables.MinimalInserts[table], org.Value, t), Token);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            scope.RunAsync(org, (s, t) => ExecuteAsync(s, $"UPDATE {table} SET org_id = 'elsewhere' WHERE org_id = $1", org.Value, t), Token));

        Assert.Contains("new row violates row-level security policy", error.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OrgTables.Names), MemberType = typeof(OrgTables))]
    public async Task DirectSqlWithoutOrgSetting_SeesNothingAndWritesNothing(string table)
    {
        await using var owner = Database.CreateOwnerDataSource();
        await using (var seed = owner.CreateCommand(OrgTables.MinimalInserts[table]))
        {
            seed.Parameters.Add(new NpgsqlParameter { Value = $"direct-{table}" });
            await seed.ExecuteNonQueryAsync(Token);
        }

        await using var app = Database.CreateAppDataSource();
        // Global system policy rows (org_id NULL) are visible to all by design; org rows are not.
        await using (var count = app.CreateCommand($"SELECT count(*) FROM {table} WHERE org_id IS NOT NULL"))
        {
            Assert.Equal(0L, await count.ExecuteScalarAsync(Token));
        }

        await using var insert = app.CreateCommand(OrgTables.MinimalInserts[table]);
        insert.Parameters.Add(new NpgsqlParameter { Value = $"direct2-{table}" });
        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync(Token));
        Assert.Contains("new row violates row-level security policy", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PooledConnectionReusedAfterOrgARequest_SeesNothing()
    {
        await using var app = Database.CreateAppDataSource(maxPoolSize: 1);
        var scope = new OrgScope(app);
        var orgA = OrgId.Create("pool-org-a");
        var backendInScope = await scope.RunAsync(orgA, async (s, t) =>
        {
            await ExecuteAsync(s, OrgTables.MinimalInserts["audit_logs"], orgA.Value, t);
            Assert.Equal("pool-org-a", await RlsDiagnostics.CurrentOrgAsync(s, t));
            return await BackendPidAsync(s.CreateCommand("SELECT pg_backend_pid()"), t);
        }, Token);

        await using var connection = await app.OpenConnectionAsync(Token);
        await using var pid = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        Assert.Equal(backendInScope, await BackendPidAsync(pid, Token));
        await using var setting = new NpgsqlCommand("SELECT nullif(current_setting('app.current_org_id', true), '')", connection);
        Assert.IsType<DBNull>(await setting.ExecuteScalarAsync(Token));
        await using var count = new NpgsqlCommand("SELECT count(*) FROM audit_logs", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task PooledConnectionReusedByOrgB_SeesNoneOfOrgA()
    {
        await using var app = Database.CreateAppDataSource(maxPoolSize: 1);
        var scope = new OrgScope(app);
        await scope.RunAsync(OrgId.Create("reuse-a"), (s, t) => ExecuteAsync(s, OrgTables.MinimalInserts["gateway_contexts"], "reuse-a", t), Token);

        var seenByB = await scope.RunAsync(OrgId.Create("reuse-b"), (s, t) => CountAsync(s, "gateway_contexts", t), Token);

        Assert.Equal(0L, seenByB);
    }

    [Theory]
    [InlineData("static_policies")]
    [InlineData("dynamic_policies")]
    [InlineData("policy_overrides")]
    [InlineData("daily_usage")]
    [InlineData("service_identities")]
    [InlineData("policy_versions")]
    public async Task UniqueKeys_AreScopedToTheOrg_SoTheyRevealNothing(string table)
    {
        await using var app = Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        await scope.RunAsync(OrgId.Create($"uk-a-{table}"), (s, t) => ExecuteAsync(s, OrgTables.MinimalInserts[table], $"uk-a-{table}", t), Token);

        // The same natural key in another org is a different row, not a duplicate-key oracle.
        var inserted = await scope.RunAsync(OrgId.Create($"uk-b-{table}"), (s, t) => ExecuteAsync(s, OrgTables.MinimalInserts[table], $"uk-b-{table}", t), Token);
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() =>
            scope.RunAsync(OrgId.Create($"uk-b-{table}"), (s, t) => ExecuteAsync(s, OrgTables.MinimalInserts[table], $"uk-b-{table}", t), Token));

        Assert.Equal(1, inserted);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
    }

    [Fact]
    public async Task GlobalSystemPolicies_AreReadableByEveryOrgAndWritableByNone()
    {
        await using var owner = Database.CreateOwnerDataSource();
        await using (var seed = owner.CreateCommand("INSERT INTO static_policies (org_id, tenant_id, policy_id, name, category, pattern, tier) VALUES (NULL, 'global', 'sys_test_global', 'g', 'security-sqli', 'x', 'system')"))
        {
            await seed.ExecuteNonQueryAsync(Token);
        }

        await using var app = Database.CreateAppDataSource();
        var scope = new OrgScope(app);
        const string CountGlobal = "SELECT count(*) FROM static_policies WHERE policy_id = 'sys_test_global'";
        var seenByA = await scope.RunAsync(OrgId.Create("global-a"), (s, t) => ScalarAsync(s, CountGlobal, t), Token);
        var seenByB = await scope.RunAsync(OrgId.Create("global-b"), (s, t) => ScalarAsync(s, CountGlobal, t), Token);
        var updated = await scope.RunAsync(OrgId.Create("global-a"), (s, t) => ExecuteAsync(s, "UPDATE static_policies SET pattern = 'y' WHERE policy_id = 'sys_test_global'", null, t), Token);
        var deleted = await scope.RunAsync(OrgId.Create("global-a"), (s, t) => ExecuteAsync(s, "DELETE FROM static_policies WHERE policy_id = 'sys_test_global'", null, t), Token);

        Assert.Equal(1L, seenByA);
        Assert.Equal(1L, seenByB);
        Assert.Equal(0, updated);
        Assert.Equal(0, deleted);
    }

    private static async Task<int> ExecuteAsync(OrgScopedSession session, string sql, string? org, CancellationToken token)
    {
        await using var command = session.CreateCommand(sql);
        if (org is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = org });
        }

        return await command.ExecuteNonQueryAsync(token);
    }

    // Global system policy rows (org_id NULL) are visible to every org by design; only org rows count here.
    private static Task<long> CountAsync(OrgScopedSession session, string table, CancellationToken token) =>
        ScalarAsync(session, $"SELECT count(*) FROM {table} WHERE org_id IS NOT NULL", token);

    private static async Task<long> ScalarAsync(OrgScopedSession session, string sql, CancellationToken token)
    {
        await using var command = session.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(token))!;
    }

    private static async Task<int> BackendPidAsync(NpgsqlCommand command, CancellationToken token)
    {
        await using (command)
        {
            return (int)(await command.ExecuteScalarAsync(token))!;
        }
    }
}
