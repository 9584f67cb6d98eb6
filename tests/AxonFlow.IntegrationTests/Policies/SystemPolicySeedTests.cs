using AxonFlow.Core.Identity;
using AxonFlow.Core.Policies;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AxonFlow.IntegrationTests.Policies;

/// <summary>The seeded global rows are exactly the engine's system policies, and the seed revokes overrides of critical ones.</summary>
public sealed class SystemPolicySeedTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeededGlobalRows_MatchTheEngineCatalog()
    {
        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var select = owner.CreateCommand("SELECT policy_id, name, category, severity, action, pattern, tier FROM static_policies WHERE org_id IS NULL AND tenant_id = 'global' ORDER BY policy_id");
        await using var reader = await select.ExecuteReaderAsync(Token);
        var rows = new List<(string, string, string, string, string, string)>();
        while (await reader.ReadAsync(Token))
        {
            Assert.Equal("system", reader.GetString(6));
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        }

        var expected = SystemPolicies.All
            .Select(p => (p.PolicyId, p.Name, p.Category, PolicyWireNames.ToWire(p.Severity), PolicyWireNames.ToWire(p.Action), p.Pattern))
            .OrderBy(p => p.PolicyId, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, rows);
    }

    [Fact]
    public async Task Seed_RevokesAPreexistingOverrideOfACriticalPolicy_AndKeepsOthers()
    {
        await using var database = await (await PostgresCluster.GetAsync()).CreateEmptyDatabaseAsync("seedrevoke");
        await using var owner = database.CreateOwnerDataSource();
        var migrator = new Migrator(owner, MigrationCatalog.Embedded, TimeProvider.System, NullLogger<Migrator>.Instance);
        var context = new MigrationContext(null, DeploymentKind.Dev);
        await migrator.UpAsync(context, 9, Token);
        await using (var seed = owner.CreateCommand("""
            INSERT INTO policy_overrides (org_id, policy_id, enabled_override, override_reason) VALUES ('acme', 'sys_pii_ssn', false, 'legacy'), ('acme', 'sys_pii_email', false, 'fine');
            """))
        {
            await seed.ExecuteNonQueryAsync(Token);
        }

        await migrator.UpAsync(context, null, Token);

        await using var select = owner.CreateCommand("SELECT policy_id, revoked_at IS NOT NULL FROM policy_overrides ORDER BY policy_id");
        await using var reader = await select.ExecuteReaderAsync(Token);
        var states = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (await reader.ReadAsync(Token))
        {
            states[reader.GetString(0)] = reader.GetBoolean(1);
        }

        Assert.True(states["sys_pii_ssn"]);
        Assert.False(states["sys_pii_email"]);
        NpgsqlConnection.ClearAllPools();
    }
}
