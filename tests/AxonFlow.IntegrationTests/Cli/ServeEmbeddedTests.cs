using System.Net;
using System.Net.Sockets;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.Postgres.Connections;
using Npgsql;

namespace AxonFlow.IntegrationTests.Cli;

/// <summary>`axonflow serve` with nothing configured: private cluster, app role under FORCE RLS, clean stop on SIGTERM, reuse on restart.</summary>
public sealed class ServeEmbeddedTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_OnEmbeddedDefaults_ServesThroughTheAppRole_StopsCleanly_AndReusesTheCluster()
    {
        var home = Path.Combine(Path.GetTempPath(), $"axonflow-serve-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            var first = await RunOnceAsync(home);
            Assert.Contains("initialising a new cluster", first, StringComparison.Ordinal);

            var connectionEnv = Path.Combine(home, "connection.env");
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(connectionEnv));
            var dsns = ReadConnectionEnv(connectionEnv);
            Assert.Equal(["AXONFLOW_DB_APP_ROLE_URL", "AXONFLOW_DB_PLATFORM_ADMIN_URL", "DATABASE_URL"], dsns.Keys.Order(StringComparer.Ordinal));
            Assert.All(dsns.Values, v => Assert.StartsWith("postgres://", v, StringComparison.Ordinal));
            Assert.StartsWith("postgres://axonflow_app_role:", dsns["AXONFLOW_DB_APP_ROLE_URL"], StringComparison.Ordinal);

            var passwords = Directory.GetFiles(Path.Combine(home, "secrets"), "*.password");
            Assert.Equal(3, passwords.Length);
            Assert.All(passwords, p => Assert.Equal(OwnerOnly, File.GetUnixFileMode(p)));
            Assert.All(passwords, p => Assert.DoesNotContain(File.ReadAllText(p).Trim(), first, StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(home, "pg", "data", "postmaster.pid")), "the cluster is still running after SIGTERM");

            var second = await RunOnceAsync(home, async () =>
            {
                // While it runs, the app-role DSN from connection.env (rewritten with this run's port) works and sees
                // nothing without an org scope.
                dsns = ReadConnectionEnv(connectionEnv);
                await using var app = NpgsqlDataSource.Create(PostgresConnectionString.Normalize(dsns["AXONFLOW_DB_APP_ROLE_URL"]));
                await using var count = app.CreateCommand("SELECT count(*) FROM organizations");
                Assert.Equal(0L, await count.ExecuteScalarAsync(Token));
                await using var owner = NpgsqlDataSource.Create(PostgresConnectionString.Normalize(dsns["DATABASE_URL"]));
                await using var ownerCount = owner.CreateCommand("SELECT count(*) FROM organizations WHERE org_id = 'local-dev-org'");
                Assert.Equal(1L, await ownerCount.ExecuteScalarAsync(Token));
            });
            Assert.DoesNotContain("initialising a new cluster", second, StringComparison.Ordinal);
            Assert.Contains("Migrations up to date", second, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<string> RunOnceAsync(string home, Func<Task>? whileRunning = null)
    {
        var port = FreePort();
        using var serve = CliProcess.Start(null, "serve", "--data-dir", home, "--urls", $"http://127.0.0.1:{port}");
        await serve.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(90));

        using (var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") })
        {
            var health = await HttpAssert.JsonAsync(await client.GetAsync("/health", Token), HttpStatusCode.OK);
            Assert.Equal("healthy", health.GetProperty("status").GetString());
            Assert.Equal("enforced", health.GetProperty("components").GetProperty("rls").GetProperty("status").GetString());
            Assert.Equal("axonflow_app_role", health.GetProperty("components").GetProperty("rls").GetProperty("role").GetString());
        }

        if (whileRunning is not null)
        {
            await whileRunning();
        }

        NpgsqlConnection.ClearAllPools();
        serve.Terminate();
        Assert.Equal(0, await serve.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("stopped the cluster", serve.Stdout, StringComparison.Ordinal);
        return serve.Stdout + serve.Stderr;
    }

    private static Dictionary<string, string> ReadConnectionEnv(string path) => File.ReadAllLines(path)
        .Where(l => !l.StartsWith('#') && l.Contains('=', StringComparison.Ordinal))
        .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
