using AxonFlow.Cli.Commands;
using AxonFlow.Cli.Preflight;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>One preflight run in-process (the command's own entry point, a given environment, a fixed date) and its printed report.</summary>
internal sealed record PreflightRun(int ExitCode, string Output)
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    public static async Task<PreflightRun> RunAsync(IReadOnlyDictionary<string, string?> environment, string? backupEvidence = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();
        using var output = new StringWriter();
        var exitCode = await PreflightCommand.RunAsync(configuration, backupEvidence, output, new FakeTimeProvider(Now), TestContext.Current.CancellationToken);
        return new PreflightRun(exitCode, output.ToString());
    }

    /// <summary>The line of <paramref name="check"/> (the first one; app-role-pairing also prints its advisory) and its remediation.</summary>
    public (string Outcome, string Detail, string? Remediation) Of(string check)
    {
        var lines = Lines;
        var index = lines.ToList().FindIndex(l => l.Length > 5 && l[5..].StartsWith(check + ": ", StringComparison.Ordinal));
        Xunit.Assert.True(index >= 0, $"no line for {check} in:\n{Output}");
        var line = lines[index];
        var remediation = index + 1 < lines.Count && lines[index + 1].StartsWith(PreflightReport.RemediationPrefix, StringComparison.Ordinal)
            ? lines[index + 1][PreflightReport.RemediationPrefix.Length..]
            : null;
        return (line[..4], line[(5 + check.Length + 2)..], remediation);
    }

    public void Expect(string check, string outcome, string detail)
    {
        var (actual, actualDetail, remediation) = Of(check);
        Xunit.Assert.True(actual == outcome, $"{check}: expected {outcome}, got {actual}: {actualDetail}");
        Xunit.Assert.Contains(detail, actualDetail, StringComparison.Ordinal);
        if (outcome == "FAIL")
        {
            Xunit.Assert.False(string.IsNullOrWhiteSpace(remediation), $"{check} FAIL without a remediation line");
        }
    }
}
