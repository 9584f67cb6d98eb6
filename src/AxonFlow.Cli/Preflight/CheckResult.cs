namespace AxonFlow.Cli.Preflight;

/// <summary>One printed line: <c>PASS|WARN|FAIL check: detail</c>, with the remediation printed under it (always present on a FAIL).</summary>
internal sealed record CheckResult(CheckOutcome Outcome, string Check, string Detail, string? Remediation = null)
{
    public static CheckResult Pass(string check, string detail) => new(CheckOutcome.Pass, check, detail);

    public static CheckResult Warn(string check, string detail, string? remediation = null) => new(CheckOutcome.Warn, check, detail, remediation);

    public static CheckResult Fail(string check, string detail, string remediation) => new(CheckOutcome.Fail, check, detail, remediation);
}
