using System.Text.RegularExpressions;
using AxonFlow.IntegrationTests.Cli;
using AxonFlow.IntegrationTests.Infrastructure;
using Npgsql;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>The real <c>axonflow preflight</c> process and its wrapper script: output format, exit codes, no secret printed.</summary>
public sealed partial class PreflightCliTests
{
    private static readonly string[] SeedOrder =
        ["postgres-version", "schema-migrations", "org-id-scan", "deployment-env", "runtime-roles", "backup-policy", "local-dev-org", "app-role-pairing"];

    private static string Wrapper => Path.Combine(ScriptProcess.RepositoryRoot, "scripts", "deployment", "v9_self_hosted_preflight.sh");

    [Fact]
    public async Task Preflight_NoFail_PrintsTheEightChecksInOrderAndExitsZero()
    {
        await using var database = await LegacySchema.CreateAsync("pfcliok");

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(Environment(database, "acme-corp"), "preflight", "--backup-evidence", "rds:axonflow-pre-v9");

        Assert.True(exitCode == 0, stdout + stderr);
        AssertFormat(stdout);
        Assert.Equal(SeedOrder, CheckLines(stdout).Select(l => l.Check).Distinct());
        Assert.DoesNotContain("FAIL ", stdout, StringComparison.Ordinal);
        AssertNoSecret(database, stdout + stderr);
    }

    [Fact]
    public async Task Preflight_AnyFail_PrintsARemediationUnderItAndExitsOne()
    {
        await using var database = await LegacySchema.CreateAsync("pfclifail");

        var (exitCode, stdout, stderr) = await CliProcess.RunAsync(Environment(database, orgId: null), "preflight");

        Assert.Equal(1, exitCode);
        AssertFormat(stdout);
        var lines = stdout.Split('\n');
        var failures = Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith("FAIL ", StringComparison.Ordinal)).ToList();
        Assert.Contains(failures, i => lines[i].StartsWith("FAIL deployment-env: DEPLOYMENT_KIND=production but ORG_ID is unset", StringComparison.Ordinal));
        Assert.All(failures, i => Assert.StartsWith("  remediation: ", lines[i + 1], StringComparison.Ordinal));
        Assert.Contains("Do not upgrade: fix each FAIL as its remediation says, then re-run preflight.", stdout, StringComparison.Ordinal);
        AssertNoSecret(database, stdout + stderr);
    }

    [Fact]
    public async Task Wrapper_PassesArgumentsAndTheExitCodeThrough()
    {
        await using var database = await LegacySchema.CreateAsync("pfwrapper");
        var ok = new Dictionary<string, string>(Environment(database, "acme-corp")) { ["AXONFLOW_BIN"] = ScriptProcess.AxonFlowShim };
        var failing = new Dictionary<string, string>(ok) { ["ORG_ID"] = "local-dev-org" };

        var passed = await ScriptProcess.RunAsync(Wrapper, ok, "--backup-evidence", "rds:axonflow-pre-v9");
        var failed = await ScriptProcess.RunAsync(Wrapper, failing);

        Assert.True(passed.ExitCode == 0, passed.Stdout + passed.Stderr);
        Assert.Contains("PASS backup-policy: backup evidence supplied: rds:axonflow-pre-v9", passed.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("FAIL deployment-env: DEPLOYMENT_KIND=production but ORG_ID is the local-dev-org sentinel", failed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrapper_WithoutAnyCli_SaysSoAndExitsOne()
    {
        // A copy outside the checkout: no repository launcher next to it, no AXONFLOW_BIN, no axonflow on PATH.
        var copy = Path.Combine(Path.GetTempPath(), $"axonflow-wrapper-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Path.Combine(copy, "deployment"));
        File.Copy(Path.Combine(ScriptProcess.RepositoryRoot, "scripts", "lib-axonflow.sh"), Path.Combine(copy, "lib-axonflow.sh"));
        File.Copy(Wrapper, Path.Combine(copy, "deployment", "v9_self_hosted_preflight.sh"));
        try
        {
            var (exitCode, _, stderr) = await ScriptProcess.RunAsync(
                Path.Combine(copy, "deployment", "v9_self_hosted_preflight.sh"),
                new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });

            Assert.Equal(1, exitCode);
            Assert.Contains("v9_self_hosted_preflight.sh: no axonflow CLI found", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static Dictionary<string, string> Environment(TestDatabase database, string? orgId)
    {
        var environment = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = database.ConnectionStrings.Owner,
            ["AXONFLOW_DB_APP_ROLE_URL"] = database.ConnectionStrings.App,
            ["DEPLOYMENT_KIND"] = "production",
        };
        if (orgId is not null)
        {
            environment["ORG_ID"] = orgId;
        }

        return environment;
    }

    private static void AssertFormat(string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines[..^1], line => Assert.True(LinePattern().IsMatch(line), $"unexpected line: {line}"));
        Assert.Matches(@"^preflight: \d PASS, \d WARN, \d FAIL\. ", lines[^1]);
    }

    private static IEnumerable<(string Outcome, string Check)> CheckLines(string stdout) =>
        stdout.Split('\n').Select(l => CheckLinePattern().Match(l)).Where(m => m.Success).Select(m => (m.Groups[1].Value, m.Groups[2].Value));

    private static void AssertNoSecret(TestDatabase database, string output)
    {
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(database.ConnectionStrings.Owner).Password!, output, StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(database.ConnectionStrings.App).Password!, output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^((PASS|WARN|FAIL) [a-z-]+: \S.*|  remediation: \S.*)$")]
    private static partial Regex LinePattern();

    [GeneratedRegex(@"^(PASS|WARN|FAIL) ([a-z-]+): ")]
    private static partial Regex CheckLinePattern();
}
