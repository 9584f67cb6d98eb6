using System.Globalization;
using AxonFlow.Postgres.Operations;

namespace AxonFlow.Cli.Preflight.Checks;

/// <summary>
/// Check 6: the rollback contract is a snapshot restore. The server can show WAL archiving; a snapshot is shown by the
/// operator with <c>--backup-evidence</c>. Unknown is a WARN; archiving that is on but broken is a FAIL.
/// </summary>
internal sealed class BackupPolicyCheck : IPreflightCheck
{
    public string Name => "backup-policy";

    public IReadOnlyList<CheckResult> Evaluate(PreflightFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Database is not { } database)
        {
            return [facts.NotChecked(Name)];
        }

        return [Judge(database.Archiver, facts.BackupEvidence)];
    }

    private CheckResult Judge(ArchiverState archiver, string? evidence)
    {
        var evidenceText = evidence is null ? null : $"backup evidence supplied: {evidence}";
        if (archiver.IsEnabled && (archiver.IsFailing || archiver.HasNoDestination))
        {
            var problem = archiver.IsFailing
                ? $"WAL archiving (archive_mode={archiver.ArchiveMode}) is failing: the last attempt ({archiver.LastFailedWal} at {Time(archiver.LastFailedAt)}) failed and none has succeeded since"
                : $"archive_mode={archiver.ArchiveMode} but archive_command and archive_library are empty: WAL accumulates and nothing is archived";
            return evidenceText is null
                ? CheckResult.Fail(
                    Name,
                    problem,
                    "Fix archive_command/archive_library (the PostgreSQL log names the error) until pg_stat_archiver shows new archived segments, take a snapshot, and re-run with --backup-evidence '<snapshot id>'.")
                : CheckResult.Warn(Name, $"{problem}; relying on the {evidenceText}", "Fix WAL archiving after the upgrade; point-in-time recovery is unavailable until then.");
        }

        if (archiver.IsEnabled)
        {
            var archived = archiver.LastArchivedAt is { } last
                ? $"{archiver.ArchivedCount} segment(s) archived, last at {Time(last)}"
                : "no segment archived yet";
            return CheckResult.Pass(Name, $"WAL archiving is on (archive_mode={archiver.ArchiveMode}, {archived}){(evidenceText is null ? string.Empty : "; " + evidenceText)}");
        }

        if (evidenceText is not null)
        {
            return CheckResult.Pass(Name, $"{evidenceText} (the server shows no WAL archiving; the snapshot is the rollback point)");
        }

        var mode = archiver.ArchiveMode is null ? "archive_mode is not visible to this role" : $"archive_mode={archiver.ArchiveMode}";
        return CheckResult.Warn(
            Name,
            $"no backup can be confirmed from the server ({mode}) and no --backup-evidence was given",
            "Take a snapshot (AWS RDS: a manual DB snapshot; self-managed: your backup tool), wait until it completes, and re-run with --backup-evidence '<snapshot id>'.");
    }

    private static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "an unknown time";
}
