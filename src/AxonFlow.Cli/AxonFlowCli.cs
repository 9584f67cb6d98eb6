using System.CommandLine;
using AxonFlow.Cli.Commands;

namespace AxonFlow.Cli;

/// <summary>The <c>axonflow</c> command tree. Usage errors exit 2 with one line; command failures exit 1.</summary>
public static class AxonFlowCli
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = CreateRoot(stdout, stderr);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            var command = parseResult.CommandResult.Command;
            var path = command == root ? "axonflow" : $"axonflow {string.Join(' ', CommandPath(parseResult.CommandResult))}";
            await stderr.WriteLineAsync($"{path}: {parseResult.Errors[0].Message} (see '{path} --help')");
            return UsageError;
        }

        // The host handles SIGTERM/Ctrl-C itself so the embedded cluster is always stopped; no forced exit from the parser.
        return await parseResult.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, Output = stdout, Error = stderr });
    }

    /// <summary>The whole command tree; also what the docs test parses operator command lines with.</summary>
    internal static RootCommand CreateRoot(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("AxonFlow: a self-hosted governance control plane for AI traffic.");
        root.Subcommands.Add(ServeCommand.Create(stdout, stderr));
        root.Subcommands.Add(MigrateCommand.Create(stdout, stderr));
        root.Subcommands.Add(PortalCommand.Create(stdout, stderr, Console.In));
        root.Subcommands.Add(LicenseCommand.Create(stdout, stderr, Console.In));
        root.Subcommands.Add(PreflightCommand.Create(stdout));
        root.Subcommands.Add(ProvisionAppRoleCommand.Create(stdout, stderr));
        return root;
    }

    private static Stack<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var current = result; current?.Parent is System.CommandLine.Parsing.CommandResult parent; current = parent)
        {
            names.Push(current.Command.Name);
        }

        return names;
    }
}
