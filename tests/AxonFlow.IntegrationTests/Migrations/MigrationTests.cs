using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Diagnostics;
using AxonFlow.Postgres.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AxonFlow.IntegrationTests.Migrations;

/// <summary>The migration runner on empty databases: install, idempotence, drift, batch rollback, the prod-safety abort.</summary>
public sealed class MigrationTests
{
    private static readonly MigrationContext Dev = new(null, DeploymentKind.Dev);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UpAsync_FreshDatabase_AppliesEveryMigrationInOrder()
    {
        await using var database = await EmptyDatabaseAsync();
        await using var owner = database.CreateOwnerDataSource();
        var migrator = CreateSut(owner);

        var ran = await migrator.UpAsync(Dev, null, Token);
        var status = await migrator.StatusAsync(Token);

        Assert.Equal(MigrationCatalog.Embedded.Scripts.Count, ran);
        Assert.All(status, s => Assert.True(s.IsApplied, $"{s.Script.FileName} not applied"));
        Assert.All(status, s => Assert.Equal(s.Script.Checksum, s.Applied!.Checksum));
        Assert.Equal([.. MigrationCatalog.Embedded.Scripts.Select(s => s.Version)], status.Select(s => s.Script.Version));
    }

    [Fact]
    public async Task UpAsync_RunTwice_SecondRunIsANoOp()
    {
        await using var database = await EmptyDatabaseAsync();
        await using var owner = database.CreateOwnerDataSource();
        var migrator = CreateSut(owner);
        await migrator.UpAsync(Dev, null, Token);
        var before = await migrator.StatusAsync(Token);

        var ran = await migrator.UpAsync(Dev, null, Token);
        var after = await migrator.StatusAsync(Token);

        Assert.Equal(0, ran);
        Assert.Equal(before.Select(s => s.Applied!.AppliedAt), after.Select(s => s.Applied!.AppliedAt));
    }

    [Fact]
    public async Task UpAsync_ConcurrentNodes_ApplyEachMigrationOnce()
    {
        await using var database = await EmptyDatabaseAsync();
        await using var owner = database.CreateOwnerDataSource();

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => CreateSut(owner).UpAsync(Dev, null, Token)));

        Assert.Equal(MigrationCatalog.Embedded.Scripts.Count, runs.Sum());
        Assert.All(await CreateSut(owner).StatusAsync(Token), s => Assert.True(s.IsApplied));
    }

    [Fact]
    public async Task UpAsync_AppliedFileChanged_RefusesNamingTheFile()
    {
        await using var database = await EmptyDatabaseAsync();
        await using var owner = database.CreateOwnerDataSource();
        await CreateSut(owner).UpAsync(Dev, null, Token);
        var edited = MigrationCatalog.Embedded.Scripts
            .Select(s => s.Version == 5 ? MigrationCatalog.Parse(s.FileName, s.Sql + "\n-- edited after release\n", s.DownSql) : s)
            .ToList();
        var migrator = new Migrator(owner, new MigrationCatalog(edited), TimeProvider.System, NullLogger<Migrator>.Instance);

        var error = await Assert.ThrowsAsync<MigrationChecksumMismatchException>(() => migrator.UpAsync(Dev, null, Token));

        Assert.Equal("005_rls_b1_identity_tables.sql", error.FileName);
        Assert.Contains("005_rls_b1_identity_tables.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("refusing to boot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpAsync_CrlfCheckout_IsNotDrift()
    {
        var script = MigrationCatalog.Embedded.Scripts[0];

        Assert.Equal(script.Checksum, MigrationCatalog.ChecksumOf(script.Sql.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DownBatch_ThenUp_RevertsAndRestoresExactlyThatBatch()
    {
        await using var database = await EmptyDatabaseAsync();
        await using var owner = database.CreateOwnerDataSource();
        var migrator = CreateSut(owner);
        await migrator.UpAsync(Dev, null, Token);

        var reverted = await migrator.DownBatchAsync(2, Token);
        var afterDown = await new RlsDiagnostics(owner).GetReportAsync(Token);
        var statusAfterDown = await migrator.StatusAsync(Token);

        Assert.Equal("006_rls_b2_policy_tables.sql", reverted.FileName);
        Assert.Equal(["dynamic_policies", "policy_overrides", "static_policies"], afterDown.UnprotectedTables.Order(StringComparer.Ordinal));
        Assert.False(statusAfterDown.Single(s => s.Script.Version == 6).IsApplied);
        Assert.All(statusAfterDown.Where(s => s.Script.Version != 6), s => Assert.True(s.IsApplied));

        var ran = await migrator.UpAsync(Dev, null, Token);
        var afterUp = await new RlsDiagnostics(owner).GetReportAsync(Token);

        Assert.Equal(1, ran);
        Assert.Empty(afterUp.UnprotectedTables);
    }

    [Fact]
    public async Task DownBatch_UnknownOrUnapplied_IsRefusedWithReason()
    {
        await using var database = await EmptyDatabaseAsync();
        await using var owner = database.CreateOwnerDataSource();
        var migrator = CreateSut(owner);
        await migrator.UpAsync(Dev, 4, Token);

        await Assert.ThrowsAsync<ArgumentException>(() => migrator.DownBatchAsync(9, Token));
        var unapplied = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.DownBatchAsync(1, Token));
        Assert.Contains("not applied", unapplied.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(OrgId.LocalDevSentinel)]
    public async Task OrgBackfill_ProductionWithoutRealOrgId_AbortsAndTouchesNothing(string? orgId)
    {
        await using var database = await EmptyDatabaseAsync();
        await using var owner = database.CreateOwnerDataSource();
        var migrator = CreateSut(owner);
        await migrator.UpAsync(Dev, 2, Token);
        await ExecuteAsync(owner, "INSERT INTO audit_logs (org_id, tenant_id, request_id) VALUES ('', 'legacy-client', 'r1')");

        var context = new MigrationContext(orgId is null ? null : OrgId.Create(orgId), DeploymentKind.Production);
        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpAsync(context, null, Token));

        Assert.Equal("003_org_backfill.sql", error.FileName);
        Assert.Contains("Migration 003 prod-safety abort", error.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await ScalarAsync<string>(owner, "SELECT org_id FROM audit_logs WHERE request_id = 'r1'"));
        var recorded = (await migrator.StatusAsync(Token)).Single(s => s.Script.Version == 3);
        Assert.False(recorded.IsApplied);
        Assert.Contains("prod-safety abort", recorded.Applied!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrgBackfill_StampsLegacyRows_SplitsIdentity_AndRetriesAfterAFailure()
    {
        await using var database = await EmptyDatabaseAsync();
        await using var owner = database.CreateOwnerDataSource();
        var migrator = CreateSut(owner);
        await migrator.UpAsync(Dev, 1, Token);
        await ExecuteAsync(owner, """
            INSERT INTO audit_logs (org_id, tenant_id, request_id) VALUES ('', 'acme-prod-api', 'legacy'), (NULL, 'cs_7d1e', 'saas');
            INSERT INTO static_policies (org_id, tenant_id, policy_id, name, category, pattern) VALUES ('', 'global', 'sys_x', 'x', 'security-sqli', 'x');
            """);
        await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpAsync(new MigrationContext(null, DeploymentKind.Production), null, Token));

        var ran = await migrator.UpAsync(new MigrationContext(OrgId.Create("acme-corp"), DeploymentKind.Production), null, Token);

        // 001 ran up front; the aborted run applied nothing (the prod-safety check runs before 002); the retry applies 002 onwards.
        Assert.Equal(MigrationCatalog.Embedded.Scripts.Count - 1, ran);
        Assert.Equal("acme-corp", await ScalarAsync<string>(owner, "SELECT org_id FROM audit_logs WHERE request_id = 'legacy'"));
        Assert.Equal("acme-prod-api", await ScalarAsync<string>(owner, "SELECT client_id FROM audit_logs WHERE request_id = 'legacy'"));
        Assert.Equal("cs_7d1e", await ScalarAsync<string>(owner, "SELECT org_id FROM audit_logs WHERE request_id = 'saas'"));
        Assert.True(await ScalarAsync<bool>(owner, "SELECT org_id IS NULL FROM static_policies WHERE policy_id = 'sys_x'"));
        Assert.Equal(1L, await ScalarAsync<long>(owner, "SELECT count(*) FROM organizations WHERE org_id = 'acme-corp'"));
        Assert.All(await migrator.StatusAsync(Token), s => Assert.True(s.IsApplied));
    }

    [Fact]
    public async Task OrgBackfill_AfterwardsOrgIdIsMandatory()
    {
        await using var database = await EmptyDatabaseAsync();
        await using var owner = database.CreateOwnerDataSource();
        await CreateSut(owner).UpAsync(Dev, null, Token);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(owner, "INSERT INTO audit_logs (client_id) VALUES ('c')"));

        Assert.Equal(PostgresErrorCodes.NotNullViolation, error.SqlState);
    }

    private static Migrator CreateSut(NpgsqlDataSource owner) =>
        new(owner, MigrationCatalog.Embedded, TimeProvider.System, NullLogger<Migrator>.Instance);

    private static async Task<TestDatabase> EmptyDatabaseAsync() =>
        await (await PostgresCluster.GetAsync()).CreateEmptyDatabaseAsync(TestContext.Current.Test?.TestDisplayName ?? "migration");

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Token);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Token))!;
    }
}
