using System.Reflection;
using System.Text.RegularExpressions;
using AxonFlow.Cli;
using AxonFlow.Cli.Preflight;
using AxonFlow.Cli.Provisioning;
using AxonFlow.Postgres.Connections;
using AxonFlow.Server.Configuration;
using Npgsql;

namespace AxonFlow.IntegrationTests.Operations.Docs;

/// <summary>
/// "Every command in these docs is exercised": each line of each <c>sh</c> block of <c>docs/operations/*.md</c> is parsed
/// by the real CLI, checked against the configuration reference, or run (psql, curl, grep) against a test database and
/// agent; each <c>text</c> line must be something the code prints; the reference lists every variable the code reads.
/// </summary>
public sealed partial class OperatorDocsTests(OperatorDocsFixture fixture) : IClassFixture<OperatorDocsFixture>
{
    private const string DocumentedAgentUrl = "http://localhost:8080";

    /// <summary>Example DSN of the docs' provisioning output: the templates printed for it are known outputs.</summary>
    private const string ExampleOwnerDsn = "postgres://axonflow:OWNER_PASSWORD@db.internal:5432/axonflow?sslmode=require";

    private static readonly Dictionary<string, string> ScriptCommands = new(StringComparer.Ordinal)
    {
        ["scripts/deployment/v9_self_hosted_preflight.sh"] = "preflight",
        ["scripts/operators/provision-app-role.sh"] = "provision-app-role",
    };

    /// <summary>Read by the runtime or the platform, not by a literal in our code.</summary>
    private static readonly string[] PlatformVariables = ["PATH", "HTTPS_PROXY", "HTTP_PROXY"];

    /// <summary>Read by the test suite only.</summary>
    private static readonly string[] TestOnlyVariables = ["AXONFLOW_UPDATE_OPENAPI"];

    /// <summary>Upper-case string literals in src that are not environment variables.</summary>
    private static readonly string[] NotVariables = ["PG_VERSION"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryShellCommand_IsParsedByTheCliOrRunAgainstATestDeployment()
    {
        var documented = DocumentedVariables();
        var failures = new List<string>();
        var exercised = 0;
        foreach (var command in MarkdownBlocks.All().Where(b => b.Info == "sh").SelectMany(ShellCommand.From))
        {
            exercised++;
            if (await ExerciseAsync(command, documented) is { } failure)
            {
                failures.Add($"{command.Where}: {failure}\n    {command.Text}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(exercised >= 20, $"only {exercised} commands found; are the sh blocks still there?");
    }

    [Fact]
    public async Task EveryPrintedLine_IsWhatTheCodePrints()
    {
        var catalog = new PrintedLineCatalog(KnownOutputs().Concat(await PostgresMessagesAsync()));
        var failures = MarkdownBlocks.All()
            .Where(b => b.Info == "text")
            .SelectMany(b => b.Lines.Select((line, i) => (Where: $"{b.File}:{b.Line + i + 1}", Line: line)))
            .Where(l => l.Line.Trim().Length > 0)
            .Select(l => (l.Where, Problem: ExplainPrinted(catalog, l.Line)))
            .Where(l => l.Problem is not null)
            .Select(l => $"{l.Where}: {l.Problem}")
            .ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryPostgresLine_IsWhatPostgresSays()
    {
        var said = await PostgresMessagesAsync();
        var lines = MarkdownBlocks.All().Where(b => b.Info == "text postgres").SelectMany(b => b.Lines).Where(l => l.Trim().Length > 0).ToList();

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Contains(line.Trim(), said));
    }

    [Fact]
    public void ConfigurationReference_ListsEveryVariableTheCodeReads()
    {
        var documented = DocumentedVariables();
        var constants = new[] { typeof(SettingNames), typeof(Server.Providers.ProviderSettingNames) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.NonPublic))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);
        var literals = SourceFiles("*.cs").SelectMany(f => VariableLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value));
        string[] operatorVariables =
        [
            RoleTarget.AppRolePasswordVariable, RoleTarget.PlatformAdminPasswordVariable, ProvisionRequest.ForceResetVariable, "AXONFLOW_BIN",
        ];

        var missing = constants.Concat(literals).Concat(operatorVariables).Concat(PlatformVariables)
            .Except(NotVariables).Distinct().Where(v => !documented.Contains(v)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "not in docs/operations/configuration.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void ConfigurationReference_ListsNoVariableTheCodeDoesNotRead()
    {
        var code = string.Concat(SourceFiles("*.cs").Concat(ScriptFiles()).Select(File.ReadAllText));
        var tests = string.Concat(TestFiles().Select(File.ReadAllText));

        var stale = DocumentedVariables()
            .Where(v => !PlatformVariables.Contains(v) && !code.Contains(v, StringComparison.Ordinal))
            .Where(v => !(TestOnlyVariables.Contains(v) && tests.Contains(v, StringComparison.Ordinal)))
            .ToList();

        Assert.True(stale.Count == 0, "documented but never read: " + string.Join(", ", stale));
    }

    [Fact]
    public void OperationsGuide_LinksTheOperatorPages()
    {
        var guide = File.ReadAllText(Path.Combine(ScriptProcess.RepositoryRoot, "docs", "operations.md"));

        Assert.All(MarkdownBlocks.Pages.Select(Path.GetFileName), page => Assert.Contains($"(operations/{page}", guide, StringComparison.Ordinal));
    }

    private async Task<string?> ExerciseAsync(ShellCommand command, IReadOnlySet<string> documented)
    {
        var words = command.Words();
        var assignments = words.TakeWhile(w => Assignment().IsMatch(w)).ToList();
        var rest = words.Skip(assignments.Count).ToList();
        if (rest is ["export", .. var exported])
        {
            return CheckAssignments(exported, documented) ?? (exported.Count == 0 ? "export without an assignment" : null);
        }

        if (CheckAssignments(assignments, documented) is { } assignmentProblem)
        {
            return assignmentProblem;
        }

        var program = rest.Count == 0 ? string.Empty : rest[0].TrimStart('.', '/');
        if (program == "axonflow")
        {
            return Parse([.. rest.Skip(1)]);
        }

        if (ScriptCommands.TryGetValue(program, out var subcommand))
        {
            var script = new FileInfo(Path.Combine(ScriptProcess.RepositoryRoot, program));
            if (!script.Exists || (script.UnixFileMode & UnixFileMode.UserExecute) == 0)
            {
                return $"{program} is not an executable file of the repository";
            }

            return Parse([subcommand, .. rest.Skip(1)]);
        }

        return program switch
        {
            "psql" => await RunPsqlAsync(command),
            "curl" => await RunAsync(command.Script.Replace(DocumentedAgentUrl, fixture.Server.Client.BaseAddress!.ToString().TrimEnd('/'), StringComparison.Ordinal), acceptNoMatch: false),
            "grep" => await RunAsync(command.Script, acceptNoMatch: true),
            _ => $"'{program}' is not a command this suite can exercise; use axonflow, the wrapper scripts, export, psql, curl or grep",
        };
    }

    private async Task<string?> RunPsqlAsync(ShellCommand command)
    {
        if (await RunAsync(command.Script, acceptNoMatch: false) is { } failure)
        {
            return failure;
        }

        if (!command.HereDocumentBody.Contains("-- stage-c", StringComparison.Ordinal))
        {
            return null;
        }

        await using var owner = fixture.Database.CreateOwnerDataSource();
        await using var query = owner.CreateCommand(command.HereDocumentBody);
        await using var reader = await query.ExecuteReaderAsync(Token);
        var nonZero = new List<string>();
        var rows = 0;
        while (await reader.ReadAsync(Token))
        {
            rows++;
            if (reader.GetInt64(1) != 0)
            {
                nonZero.Add($"{reader.GetString(0)}={reader.GetInt64(1)}");
            }
        }

        return rows < 12 ? $"the Stage C query covers {rows} tables, not the 12 backfilled ones"
            : nonZero.Count > 0 ? "Stage C found rows without an org: " + string.Join(", ", nonZero)
            : null;
    }

    private async Task<string?> RunAsync(string script, bool acceptNoMatch)
    {
        var (exitCode, _, stderr) = await ScriptProcess.RunCommandAsync(script, fixture.Environment, ScriptProcess.RepositoryRoot);
        if (exitCode == 0 || (acceptNoMatch && exitCode == 1))
        {
            return stderr.Contains("ERROR", StringComparison.Ordinal) ? $"printed an error: {stderr.Trim()}" : null;
        }

        return $"exited {exitCode}: {stderr.Trim()}";
    }

    private static string? Parse(string[] arguments)
    {
        var root = AxonFlowCli.CreateRoot(TextWriter.Null, TextWriter.Null);
        var result = root.Parse(arguments);
        if (result.Errors.Count > 0)
        {
            return "the CLI rejects it: " + string.Join("; ", result.Errors.Select(e => e.Message));
        }

        return result.CommandResult.Command == root || result.CommandResult.Command.Subcommands.Count > 0
            ? "it names no runnable command"
            : null;
    }

    private static string? CheckAssignments(IEnumerable<string> assignments, IReadOnlySet<string> documented)
    {
        foreach (var assignment in assignments)
        {
            var (name, value) = (assignment[..assignment.IndexOf('=', StringComparison.Ordinal)], assignment[(assignment.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (!documented.Contains(name))
            {
                return $"{name} is not in the configuration reference";
            }

            if (name.EndsWith("_URL", StringComparison.Ordinal) && name.Contains("DB", StringComparison.Ordinal) || name == SettingNames.DatabaseUrl)
            {
                try
                {
                    PostgresConnectionString.Normalize(value);
                }
                catch (FormatException ex)
                {
                    return $"{name} is not a DSN AxonFlow accepts: {ex.Message}";
                }
            }
        }

        return null;
    }

    private static string? ExplainPrinted(PrintedLineCatalog catalog, string line)
    {
        // Preflight lines: the label and the check name are structure; the rest must be what a check says.
        if (PreflightLine().Match(line) is { Success: true } preflight)
        {
            if (!PreflightRunner.Checks.Any(c => c.Name == preflight.Groups["check"].Value))
            {
                return $"no preflight check is named {preflight.Groups["check"].Value}";
            }

            return catalog.Explain(preflight.Groups["rest"].Value);
        }

        return line.StartsWith(PreflightReport.RemediationPrefix, StringComparison.Ordinal)
            ? catalog.Explain(line[PreflightReport.RemediationPrefix.Length..])
            : catalog.Explain(line);
    }

    private static IEnumerable<string> KnownOutputs()
    {
        var owner = PostgresConnectionString.Normalize(ExampleOwnerDsn);
        return RoleTarget.Both.Select(t => DsnTemplate.For(owner, t));
    }

    private async Task<HashSet<string>> PostgresMessagesAsync()
    {
        var said = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionStrings.App);
        await connection.OpenAsync(Token);
        async Task CaptureAsync(string sql)
        {
            try
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(Token);
            }
            catch (PostgresException ex)
            {
                said.Add(ex.MessageText);
                said.Add(ex.Message);
            }
        }

        await CaptureAsync("INSERT INTO agent_audit_logs (org_id, action) VALUES ('acme-corp', 'x')");
        await CaptureAsync("SET row_security = off; SELECT count(*) FROM audit_logs");
        foreach (var role in new[] { fixture.Database.ConnectionStrings.App, fixture.Database.ConnectionStrings.Owner })
        {
            try
            {
                var wrong = new NpgsqlConnectionStringBuilder(role) { Password = "not-the-password", Pooling = false };
                await using var login = new NpgsqlConnection(wrong.ConnectionString);
                await login.OpenAsync(Token);
            }
            catch (PostgresException ex)
            {
                said.Add(ex.MessageText);
                said.Add(ex.Message);
            }
        }

        return said;
    }

    private static HashSet<string> DocumentedVariables()
    {
        var reference = File.ReadAllLines(Path.Combine(MarkdownBlocks.OperationsDirectory, "configuration.md"));
        return [.. reference.Select(l => ReferenceRow().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];
    }

    private static IEnumerable<string> SourceFiles(string pattern) =>
        Directory.EnumerateFiles(Path.Combine(ScriptProcess.RepositoryRoot, "src"), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));

    private static IEnumerable<string> ScriptFiles() =>
        Directory.EnumerateFiles(Path.Combine(ScriptProcess.RepositoryRoot, "scripts"), "*.sh", SearchOption.AllDirectories);

    private static IEnumerable<string> TestFiles() =>
        Directory.EnumerateFiles(Path.Combine(ScriptProcess.RepositoryRoot, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/Operations/", StringComparison.Ordinal));

    [GeneratedRegex(@"^\| `([A-Z][A-Z0-9_]+)` \|")]
    private static partial Regex ReferenceRow();

    [GeneratedRegex(@"^[A-Z][A-Z0-9_]*=")]
    private static partial Regex Assignment();

    [GeneratedRegex("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"")]
    private static partial Regex VariableLiteral();

    [GeneratedRegex(@"^(PASS|WARN|FAIL) (?<check>[a-z-]+): (?<rest>.*)$")]
    private static partial Regex PreflightLine();
}
