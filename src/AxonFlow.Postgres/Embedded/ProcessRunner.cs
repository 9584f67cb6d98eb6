using System.Diagnostics;

namespace AxonFlow.Postgres.Embedded;

/// <summary>Runs the PostgreSQL tools, as the <c>postgres</c> OS user when this process is root (PostgreSQL refuses root).</summary>
internal sealed class ProcessRunner(bool runAsPostgres)
{
    public const string PostgresOsUser = "postgres";

    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public bool RunsAsPostgres => runAsPostgres;

    public async Task<(int ExitCode, string Output)> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = runAsPostgres ? "runuser" : fileName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (runAsPostgres)
        {
            foreach (var argument in new[] { "-u", PostgresOsUser, "--", fileName })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    public async Task RunCheckedAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync(fileName, arguments, cancellationToken);
        if (exitCode != 0)
        {
            throw new EmbeddedPostgresException($"{Path.GetFileName(fileName)} exited with {exitCode}: {output.Trim()}");
        }
    }

    public async Task ChownToPostgresAsync(string path, CancellationToken cancellationToken)
    {
        if (!runAsPostgres)
        {
            return;
        }

        var chown = new ProcessRunner(runAsPostgres: false);
        await chown.RunCheckedAsync("chown", ["-R", $"{PostgresOsUser}:{PostgresOsUser}", path], cancellationToken);
    }
}

/// <summary>The embedded cluster could not be initialised, started or stopped; the message carries the tool's output.</summary>
public sealed class EmbeddedPostgresException(string message) : Exception(message);
