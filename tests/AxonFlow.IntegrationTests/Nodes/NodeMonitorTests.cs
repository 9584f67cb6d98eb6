using AxonFlow.Core.Isolation;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Hosting;
using AxonFlow.Server.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AxonFlow.IntegrationTests.Nodes.NodeRows;

namespace AxonFlow.IntegrationTests.Nodes;

/// <summary><c>ENABLE_NODE_MONITOR=true</c>: stale marking and limit logs on the platform-admin pool, and its guard.</summary>
public sealed class NodeMonitorTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly HashSet<AdminPoolWorker> Monitor = [AdminPoolWorker.NodeMonitor];

    private TestDatabase Database => fixture.Database;

    public async ValueTask InitializeAsync() => await ClearAsync(Database);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Monitor_MarksNodesWithoutRecentHeartbeatsStale_AndLeavesLiveOnesAlone()
    {
        await SeedAsync(Database, "gone-quiet", T0.AddHours(-1), T0.AddMinutes(-1));
        await SeedAsync(Database, "still-beating", T0.AddHours(-1), T0);
        var time = new FakeTimeProvider(T0);
        await using var server = await AxonFlowTestServer.StartAsync(Database, s => s with { EnabledWorkers = Monitor }, time);
        var self = server.Services.GetRequiredService<ThisNode>().Id.Value;

        // One interval later: the cut-off is T0 + 15 s - 45 s; only gone-quiet's last heartbeat is older.
        time.Advance(TimeSpan.FromSeconds(15));

        await WaitForAsync(Database, "gone-quiet", r => r.Status == "stale");
        Assert.Equal("live", (await ReadAsync(Database, "still-beating"))!.Status);
        Assert.Equal("live", (await ReadAsync(Database, self))!.Status);
        await WaitForLogAsync(server, 5412, "gone-quiet");
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 5411);
    }

    [Fact]
    public async Task Monitor_LogsWhenTheDeploymentGoesOverItsLimit_AndWhenTheGraceRunsOut()
    {
        await SeedAsync(Database, "other", T0.AddHours(-1), T0);
        var time = new FakeTimeProvider(T0);
        await using var server = await AxonFlowTestServer.StartAsync(
            Database,
            s => s with { EnabledWorkers = Monitor },
            time,
            services: services => services.AddSingleton(new NodeLimitOptions { MaxNodes = 1 }));

        time.Advance(TimeSpan.FromSeconds(15));
        await WaitForLogAsync(server, 5413, "2 nodes are live, the license allows 1");
        Assert.DoesNotContain(server.Logs.Entries, e => e.EventId.Id == 5414);

        // Keep the other node beating while the clock runs past the 10-minute grace.
        for (var i = 0; i < 40; i++)
        {
            await SeedHeartbeatAsync("other", time.GetUtcNow());
            time.Advance(TimeSpan.FromSeconds(15));
            if (server.Logs.Entries.Any(e => e.EventId.Id == 5414))
            {
                break;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await WaitForLogAsync(server, 5414, "new nodes are refused");
    }

    [Fact]
    public void Monitor_WithoutThePlatformAdminPool_RefusesBoot()
    {
        var settings = new AxonFlowSettings { Home = Path.GetTempPath(), EnabledWorkers = Monitor };
        var runtime = new AxonFlowRuntime(settings, Database.ConnectionStrings.App, PlatformAdminConnectionString: null, new string('k', 40));

        var error = Assert.Throws<BootRefusedException>(() => AxonFlowApplication.Create(runtime));

        Assert.StartsWith("[NodeMonitor] FATAL: AXONFLOW_DB_PLATFORM_ADMIN_URL is required", Assert.Single(error.FatalLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_RunsOnlyWhenEnabled()
    {
        await using (var without = await AxonFlowTestServer.StartAsync(Database))
        {
            Assert.Null(without.Services.GetService<NodeMonitorService>());
        }

        await using var with = await AxonFlowTestServer.StartAsync(Database, s => s with { EnabledWorkers = Monitor });
        Assert.NotNull(with.Services.GetService<NodeMonitorService>());
    }

    private async Task SeedHeartbeatAsync(string nodeId, DateTimeOffset at)
    {
        await using var owner = Database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("UPDATE nodes SET last_heartbeat_at = $2, status = 'live' WHERE node_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = nodeId });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = at });
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task WaitForLogAsync(AxonFlowTestServer server, int eventId, string text)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!server.Logs.Entries.Any(e => e.EventId.Id == eventId && e.Message.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"no log event {eventId} containing '{text}'");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
