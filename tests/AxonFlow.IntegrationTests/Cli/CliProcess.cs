using System.Diagnostics;
using System.Text;

namespace AxonFlow.IntegrationTests.Cli;

/// <summary>Runs the real <c>axonflow</c> executable (built beside the tests) with a controlled environment.</summary>
internal sealed class CliProcess : IDisposable
{
    private static readonly string[] InheritedVariables = ["PATH", "HOME", "DOTNET_ROOT", "DOTNET_CLI_HOME", "TMPDIR", "LANG"];

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public int Pid => _process.Id;

    public static CliProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Start(environment, redirectInput: false, arguments);

    /// <summary>Runs with <paramref name="input"/> on standard input (then closed), e.g. a token read with '-'.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunWithInputAsync(string input, params string[] arguments) =>
        RunWithInputAsync((IReadOnlyDictionary<string, string>?)null, input, arguments);

    /// <summary>The same, with a controlled environment (e.g. <c>DATABASE_URL</c>).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithInputAsync(IReadOnlyDictionary<string, string>? environment, string input, params string[] arguments)
    {
        using var process = Start(environment, redirectInput: true, arguments);
        await process._process.StandardInput.WriteAsync(input);
        process._process.StandardInput.Close();
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(90));
        return (exitCode, process.Stdout, process.Stderr);
    }

    private static CliProcess Start(IReadOnlyDictionary<string, string>? environment, bool redirectInput, string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        startInfo.Environment.Clear();
        foreach (var name in InheritedVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                startInfo.Environment[name] = value;
            }
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "axonflow.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return new CliProcess(Process.Start(startInfo)!);
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Start(environment, arguments);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(90));
        return (exitCode, process.Stdout, process.Stderr);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"axonflow exited with {_process.ExitCode} before printing '{text}'. stderr: {Stderr} stdout: {Stdout}");
            }

            await Task.Delay(100, cancellation.Token);
        }
    }

    /// <summary>SIGTERM, as a service manager or `docker stop` sends it.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
