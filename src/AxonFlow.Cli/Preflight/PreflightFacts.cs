using AxonFlow.Postgres.Operations;

namespace AxonFlow.Cli.Preflight;

/// <summary>Everything the checks judge: the environment hints, what the database showed (or why it could not be read), and the date.</summary>
internal sealed record PreflightFacts(
    PreflightEnvironment Environment,
    DatabaseSnapshot? Database,
    string? DatabaseProblem,
    string? BackupEvidence,
    DateOnly Today)
{
    /// <summary>The FAIL a database check reports when there was no database to look at.</summary>
    public CheckResult NotChecked(string check) => CheckResult.Fail(
        check,
        $"not checked: {DatabaseProblem ?? "the database could not be read"}",
        "Fix the database connection (see postgres-version) and re-run preflight.");
}
