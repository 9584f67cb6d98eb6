using System.CommandLine;
using System.Text;
using AxonFlow.Cli.Preflight;
using Microsoft.Extensions.Configuration;

namespace AxonFlow.Cli.Commands;

/// <summary>
/// <c>axonflow preflight [--backup-evidence TEXT]</c>: the eight pre-upgrade checks of seed 000 against <c>DATABASE_URL</c>
/// and the environment hints. Read-only; exit 0 when no check fails, 1 otherwise. Never prints a secret.
/// </summary>
internal static class PreflightCommand
{
    private const int MaxEvidenceLength = 200;

    public static Command Create(TextWriter stdout)
    {
        var evidence = new Option<string?>("--backup-evidence")
        {
            Description = "What proves a fresh snapshot exists (e.g. the RDS snapshot id); without it, check 6 can only see WAL archiving",
        };
        var command = new Command("preflight", "Pre-upgrade checks against DATABASE_URL (read-only): PASS/WARN/FAIL, exit 1 on any FAIL");
        command.Options.Add(evidence);
        command.SetAction((parse, token) => RunAsync(CliConfiguration.Load(), parse.GetValue(evidence), stdout, TimeProvider.System, token));
        return command;
    }

    public static async Task<int> RunAsync(IConfiguration configuration, string? backupEvidence, TextWriter stdout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var environment = PreflightEnvironment.Read(configuration);
        var owner = OwnerDatabase.Resolve(configuration);
        var facts = await PreflightRunner.GatherAsync(owner, environment, Sanitize(backupEvidence), timeProvider, cancellationToken);
        return await PreflightReport.WriteAsync(PreflightRunner.Evaluate(facts), stdout);
    }

    /// <summary>Operator text goes into the report as one printable line.</summary>
    private static string? Sanitize(string? evidence)
    {
        if (string.IsNullOrWhiteSpace(evidence))
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var c in evidence.Trim())
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
            if (builder.Length == MaxEvidenceLength)
            {
                builder.Append('…');
                break;
            }
        }

        return builder.ToString();
    }
}
