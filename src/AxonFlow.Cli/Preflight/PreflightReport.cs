namespace AxonFlow.Cli.Preflight;

/// <summary>Prints the results as <c>PASS|WARN|FAIL check: detail</c>, a remediation line under each, and a closing summary.</summary>
internal static class PreflightReport
{
    public const string RemediationPrefix = "  remediation: ";

    /// <summary>Writes the report and returns the exit code: 0 when nothing failed, else 1.</summary>
    public static async Task<int> WriteAsync(IReadOnlyList<CheckResult> results, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(stdout);
        foreach (var result in results)
        {
            await stdout.WriteLineAsync($"{Label(result.Outcome)} {result.Check}: {result.Detail}");
            if (result.Remediation is not null)
            {
                await stdout.WriteLineAsync(RemediationPrefix + result.Remediation);
            }
        }

        var failed = results.Count(r => r.Outcome == CheckOutcome.Fail);
        var warned = results.Count(r => r.Outcome == CheckOutcome.Warn);
        await stdout.WriteLineAsync();
        await stdout.WriteLineAsync(failed == 0
            ? $"preflight: {results.Count - warned} PASS, {warned} WARN, 0 FAIL. Read every WARN, then continue with the upgrade."
            : $"preflight: {results.Count - warned - failed} PASS, {warned} WARN, {failed} FAIL. Do not upgrade: fix each FAIL as its remediation says, then re-run preflight.");
        return failed == 0 ? 0 : 1;
    }

    public static string Label(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "PASS",
        CheckOutcome.Warn => "WARN",
        CheckOutcome.Fail => "FAIL",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
