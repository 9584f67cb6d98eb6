using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>Preflight check 6 against real servers: WAL archiving that works (PASS), that fails (FAIL), and none (WARN).</summary>
[Collection(PrivateClusterGroup.Name)]
public sealed class BackupPolicyTests(PrivateClusterFixture cluster)
{
    private static readonly TimeSpan ArchiverTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task WorkingArchiveCommand_Passes()
    {
        var database = await cluster.CreateEmptyDatabaseAsync("archiveok");
        await cluster.SetArchiveCommandAsync(cluster.WorkingArchiveCommand);
        await SwitchWalAndWaitAsync(failing: false);

        var run = await PreflightRun.RunAsync(Environment(cluster.OwnerConnectionString(database)));

        run.Expect("backup-policy", "PASS", "WAL archiving is on (archive_mode=on, ");
        Assert.NotEmpty(Directory.GetFiles(cluster.ArchiveDirectory));
    }

    [Fact]
    public async Task FailingArchiveCommand_Fails_AndSnapshotEvidenceDowngradesItToAWarning()
    {
        var database = await cluster.CreateEmptyDatabaseAsync("archivefail");
        await cluster.SetArchiveCommandAsync("false");
        try
        {
            await SwitchWalAndWaitAsync(failing: true);

            var run = await PreflightRun.RunAsync(Environment(cluster.OwnerConnectionString(database)));
            var withEvidence = await PreflightRun.RunAsync(Environment(cluster.OwnerConnectionString(database)), "rds:axonflow-pre-v9");

            Assert.Equal(1, run.ExitCode);
            run.Expect("backup-policy", "FAIL", "WAL archiving (archive_mode=on) is failing: the last attempt (");
            Assert.Contains("Fix archive_command/archive_library", run.Of("backup-policy").Remediation, StringComparison.Ordinal);
            withEvidence.Expect("backup-policy", "WARN", "relying on the backup evidence supplied: rds:axonflow-pre-v9");
        }
        finally
        {
            await cluster.SetArchiveCommandAsync(cluster.WorkingArchiveCommand);
            await SwitchWalAndWaitAsync(failing: false);
        }
    }

    [Fact]
    public async Task NoArchiving_WarnsUnlessEvidenceIsGiven()
    {
        await using var database = await (await PostgresCluster.GetAsync()).CreateEmptyDatabaseAsync("archiveoff");

        var run = await PreflightRun.RunAsync(Environment(database.ConnectionStrings.Owner));
        var withEvidence = await PreflightRun.RunAsync(Environment(database.ConnectionStrings.Owner), "snapshot axonflow-2026-12-01\n");

        run.Expect("backup-policy", "WARN", "no backup can be confirmed from the server (archive_mode=off) and no --backup-evidence was given");
        withEvidence.Expect("backup-policy", "PASS", "backup evidence supplied: snapshot axonflow-2026-12-01 (the server shows no WAL archiving");
    }

    private static Dictionary<string, string?> Environment(string ownerConnectionString) => new() { ["DATABASE_URL"] = ownerConnectionString };

    /// <summary>Writes WAL, closes the segment, and waits until the archiver reports it archived (or failing).</summary>
    private async Task SwitchWalAndWaitAsync(bool failing)
    {
        using var timeout = new CancellationTokenSource(ArchiverTimeout);
        var before = await cluster.ScalarAsync<long>("postgres", failing ? "SELECT failed_count FROM pg_stat_archiver" : "SELECT archived_count FROM pg_stat_archiver");
        await cluster.ExecuteAsync("postgres", "CREATE TABLE IF NOT EXISTS wal_probe (n int); INSERT INTO wal_probe VALUES (1); SELECT pg_switch_wal();");
        while (!timeout.IsCancellationRequested)
        {
            var healthy = await cluster.ScalarAsync<bool>("postgres", "SELECT last_failed_time IS NULL OR (last_archived_time IS NOT NULL AND last_archived_time >= last_failed_time) FROM pg_stat_archiver");
            var count = await cluster.ScalarAsync<long>("postgres", failing ? "SELECT failed_count FROM pg_stat_archiver" : "SELECT archived_count FROM pg_stat_archiver");
            if (count > before && healthy != failing)
            {
                return;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"the archiver did not report {(failing ? "a failure" : "an archived segment")} within {ArchiverTimeout}");
    }
}
