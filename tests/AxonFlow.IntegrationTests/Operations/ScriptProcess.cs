using System.Diagnostics;

namespace AxonFlow.IntegrationTests.Operations;

/// <summary>Runs a repository shell script with bash and a controlled environment; the CLI it calls is the test build's.</summary>
internal static class ScriptProcess
{
    private static readonly string[] InheritedVariables = ["PATH", "HOME", "DOTNET_ROOT", "DOTNET_CLI_HOME", "TMPDIR", "LANG"];

    private static readonly Lazy<string> Shim = new(CreateShim);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>An executable that runs the <c>axonflow</c> built beside the tests, for <c>AXONFLOW_BIN</c>.</summary>
    public static string AxonFlowShim => Shim.Value;

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunBashAsync([script, .. arguments], environment, Path.GetTempPath());

    /// <summary>Runs one command line (with any here-document) through <c>bash -c</c>, as an operator pasting it would.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunCommandAsync(string commandText, IReadOnlyDictionary<string, string> environment, string workingDirectory) =>
        RunBashAsync(["-o", "pipefail", "-c", commandText], environment, workingDirectory);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunBashAsync(string[] arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        startInfo.Environment.Clear();
        foreach (var name in InheritedVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                startInfo.Environment[name] = value;
            }
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string CreateShim()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "axonflow-shim.sh");
        File.WriteAllText(path, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "axonflow.dll")}' \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AxonFlow.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (AxonFlow.slnx) was not found above the test binaries.");
    }
}
