using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Migrations;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AxonFlow.IntegrationTests.Http;

/// <summary>Health reflects reality: a reverted FORCE-RLS batch degrades it, a stopped database makes it unhealthy and not ready.</summary>
public sealed class DegradedHealthTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RevertedRlsBatch_IsDegradedAndNotReady()
    {
        await using var database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync("degraded");
        await using (var owner = database.CreateOwnerDataSource())
        {
            await new Migrator(owner, MigrationCatalog.Embedded, TimeProvider.System, NullLogger<Migrator>.Instance).DownBatchAsync(1, Token);
        }

        await using var server = await AxonFlowTestServer.StartAsync(database);
        var health = await HttpAssert.JsonAsync(await server.Client.GetAsync("/health", Token), HttpStatusCode.OK);
        var ready = await HttpAssert.JsonAsync(await server.Client.GetAsync("/health/ready", Token), HttpStatusCode.ServiceUnavailable);

        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var rls = health.GetProperty("components").GetProperty("rls");
        Assert.Equal("not_enforced", rls.GetProperty("status").GetString());
        Assert.Equal(["api_keys", "organizations", "service_identities"], rls.GetProperty("unprotected_tables").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal("pending", health.GetProperty("components").GetProperty("migrations").GetProperty("status").GetString());
        Assert.Equal([5], health.GetProperty("components").GetProperty("migrations").GetProperty("pending").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("not_ready", ready.GetProperty("status").GetString());
    }

    [Fact]
    public async Task DatabaseStops_ReadinessFlips_HealthIsUnhealthy_AndGovernedRequestsAre503()
    {
        var home = Path.Combine(Path.GetTempPath(), $"axonflow-stop-{Guid.NewGuid().ToString("N")[..8]}");
        var settings = new AxonFlowSettings { Home = home };
        try
        {
            await using var bootstrap = await DatabaseBootstrap.OpenAsync(settings, NullLoggerFactory.Instance, Token);
            var runtime = await bootstrap.PrepareRuntimeAsync(Token);
            await using var app = AxonFlowApplication.Create(runtime, b => b.WebHost.UseUrls("http://127.0.0.1:0"));
            await app.StartAsync(Token);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

            var readyBefore = await HttpAssert.JsonAsync(await client.GetAsync("/health/ready", Token), HttpStatusCode.OK);
            await bootstrap.DisposeAsync();
            var readyAfter = await HttpAssert.JsonAsync(await client.GetAsync("/health/ready", Token), HttpStatusCode.ServiceUnavailable);
            using var governed = new StringContent("""{"query":"hello","request_type":"chat"}""", System.Text.Encoding.UTF8, "application/json");
            var answerWithoutAudit = await client.PostAsync("/api/request", governed, Token);
            var healthAfter = await HttpAssert.JsonAsync(await client.GetAsync("/health", Token), HttpStatusCode.ServiceUnavailable);

            Assert.Equal("ready", readyBefore.GetProperty("status").GetString());
            Assert.Equal("not_ready", readyAfter.GetProperty("status").GetString());
            Assert.Contains("database disconnected", readyAfter.GetProperty("reasons").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("unhealthy", healthAfter.GetProperty("status").GetString());
            var unavailable = await HttpAssert.ErrorAsync(answerWithoutAudit, HttpStatusCode.ServiceUnavailable, "service_unavailable");
            Assert.Equal("Database unavailable, retry shortly", unavailable.GetProperty("error").GetString());
            Assert.Equal("disconnected", healthAfter.GetProperty("components").GetProperty("database").GetProperty("status").GetString());
            await app.StopAsync(Token);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task LegacyPosture_ReportsRlsAsLegacyWithoutDegrading()
    {
        await using var database = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync("legacy");

        await using var server = await AxonFlowTestServer.StartAsync(
            database,
            s => s with { UseAppRole = false, DeploymentOrg = OrgId.LocalDev },
            appConnectionString: database.ConnectionStrings.Owner);
        var health = await HttpAssert.JsonAsync(await server.Client.GetAsync("/health", Token), HttpStatusCode.OK);

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("legacy", health.GetProperty("components").GetProperty("rls").GetProperty("status").GetString());
        Assert.True(health.GetProperty("components").GetProperty("rls").GetProperty("role_bypasses_rls").GetBoolean());
    }
}
