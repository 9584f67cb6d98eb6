using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Migrations;

namespace AxonFlow.IntegrationTests.Cli;

/// <summary><c>axonflow migrate</c> against a real database named by <c>DATABASE_URL</c>.</summary>
public sealed class CliMigrateTests
{
    private static async Task<TestDatabase> EmptyDatabaseAsync(string purpose) =>
        await (await PostgresCluster.GetAsync()).CreateEmptyDatabaseAsync(purpose);

    private static Dictionary<string, string> Environment(TestDatabase database) => new() { ["DATABASE_URL"] = database.ConnectionStrings.Owner };

    [Fact]
    public async Task StatusUpUp_InstallsThenIsANoOp()
    {
        await using var database = await EmptyDatabaseAsync("cliup");

        var before = await CliProcess.RunAsync(Environment(database), "migrate", "status");
        var first = await CliProcess.RunAsync(Environment(database), "migrate", "up");
        var second = await CliProcess.RunAsync(Environment(database), "migrate", "up");
        var after = await CliProcess.RunAsync(Environment(database), "migrate", "status");

        Assert.Equal(0, before.ExitCode);
        Assert.Equal(MigrationCatalog.Embedded.Scripts.Count, before.Stdout.Split('\n').Count(l => l.Contains(" pending ", StringComparison.Ordinal)));
        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"Applied {MigrationCatalog.Embedded.Scripts.Count} migration(s).", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("Migrations are up to date.", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(MigrationCatalog.Embedded.Scripts.Count, after.Stdout.Split('\n').Count(l => l.Contains(" applied ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DownBatch_RevertsThatBatchOnly()
    {
        await using var database = await EmptyDatabaseAsync("clidown");
        await CliProcess.RunAsync(Environment(database), "migrate", "up");

        var down = await CliProcess.RunAsync(Environment(database), "migrate", "down", "--batch", "3");
        var status = await CliProcess.RunAsync(Environment(database), "migrate", "status");
        var unknown = await CliProcess.RunAsync(Environment(database), "migrate", "down", "--batch", "9");

        Assert.Equal(0, down.ExitCode);
        Assert.Contains("Reverted FORCE-RLS batch 3 (007_rls_b3_audit_usage_tables.sql)", down.Stdout, StringComparison.Ordinal);
        var pending = Assert.Single(status.Stdout.Split('\n'), l => l.Contains(" pending ", StringComparison.Ordinal));
        Assert.StartsWith("007", pending, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("There is no FORCE-RLS batch 9", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drift_IsReportedByStatusAndRefusesUpAndServe()
    {
        await using var database = await EmptyDatabaseAsync("clidrift");
        await CliProcess.RunAsync(Environment(database), "migrate", "up");
        await using (var owner = database.CreateOwnerDataSource())
        await using (var tamper = owner.CreateCommand("UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE version = 1"))
        {
            await tamper.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var status = await CliProcess.RunAsync(Environment(database), "migrate", "status");
        var up = await CliProcess.RunAsync(Environment(database), "migrate", "up");
        var serveEnvironment = new Dictionary<string, string>(Environment(database)) { ["AXONFLOW_DB_APP_ROLE_URL"] = database.ConnectionStrings.App };
        var serve = await CliProcess.RunAsync(serveEnvironment, "serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, status.ExitCode);
        Assert.Contains("DRIFT", status.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, up.ExitCode);
        Assert.Contains("Migration 001_baseline_schema.sql was modified after it was applied", up.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, serve.ExitCode);
        Assert.Contains("refusing to boot", serve.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", serve.Stdout, StringComparison.Ordinal);
    }
}
