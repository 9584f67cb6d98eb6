using System.Net;
using System.Text.Json;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AxonFlow.IntegrationTests.Nodes.NodeRows;

namespace AxonFlow.IntegrationTests.Nodes;

/// <summary>
/// The node limit at start-up and in <c>/health</c>, with other nodes seeded as rows: refused only after the deployment
/// has been over its limit for longer than the grace, allowed at the limit (rolling deploys) and within the grace.
/// </summary>
public sealed class NodeLimitStartupTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private TestDatabase Database => fixture.Database;

    public async ValueTask InitializeAsync() => await ClearAsync(Database);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Start_OverTheLimitForLongerThanTheGrace_IsRefusedWithOneFatalLine()
    {
        await SeedAsync(Database, "n1", T0.AddMinutes(-30), T0);
        await SeedAsync(Database, "n2", T0.AddMinutes(-20), T0);
        await SeedAsync(Database, "n3", T0.AddMinutes(-15), T0);

        var error = await Assert.ThrowsAsync<NodeLimitExceededException>(() => StartAsync(maxNodes: 2));

        Assert.StartsWith("FATAL: [NodeLimit] 3 nodes are live and the license allows 2 (max_nodes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("since 2026-05-04T08:45:00Z", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(3L, await CountAsync(Database));
    }

    [Fact]
    public async Task Start_OverTheLimitWithinTheGrace_IsAllowed_AndHealthFlagsIt()
    {
        await SeedAsync(Database, "n1", T0.AddMinutes(-30), T0);
        await SeedAsync(Database, "n2", T0.AddMinutes(-20), T0);
        await SeedAsync(Database, "n3", T0.AddMinutes(-5), T0);

        await using var server = await StartAsync(maxNodes: 2);
        var health = await HttpAssert.JsonAsync(await server.Client.GetAsync("/health", Token), HttpStatusCode.OK);
        var nodes = health.GetProperty("components").GetProperty("nodes");

        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal("over_limit", nodes.GetProperty("status").GetString());
        Assert.True(nodes.GetProperty("over_limit").GetBoolean());
        Assert.Equal(4, nodes.GetProperty("live").GetInt32());
        Assert.Equal(2, nodes.GetProperty("limit").GetInt32());
        Assert.Equal(T0.AddMinutes(-5), nodes.GetProperty("over_limit_since").GetDateTimeOffset());
        Assert.Equal(T0.AddMinutes(5), nodes.GetProperty("refusing_new_nodes_from").GetDateTimeOffset());
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 5407);
        Assert.Equal(4L, await CountAsync(Database));
    }

    [Fact]
    public async Task Start_ExactlyAtTheLimit_IsAllowedForARollingDeploy_AndOverSinceThisNode()
    {
        await SeedAsync(Database, "old-1", T0.AddDays(-3), T0);
        await SeedAsync(Database, "old-2", T0.AddDays(-3), T0);

        await using var server = await StartAsync(maxNodes: 2);
        var nodes = (await HttpAssert.JsonAsync(await server.Client.GetAsync("/health", Token), HttpStatusCode.OK)).GetProperty("components").GetProperty("nodes");

        Assert.True(nodes.GetProperty("registered").GetBoolean());
        Assert.Equal(3, nodes.GetProperty("live").GetInt32());
        Assert.Equal(T0, nodes.GetProperty("over_limit_since").GetDateTimeOffset());
    }

    [Fact]
    public async Task Start_WithStaleAndStoppedNodes_CountsOnlyLiveOnes()
    {
        await SeedAsync(Database, "silent", T0.AddHours(-2), T0.AddMinutes(-1));
        await SeedAsync(Database, "stopped", T0.AddHours(-2), T0, status: "stopped");
        await SeedAsync(Database, "marked-stale", T0.AddHours(-2), T0.AddHours(-1), status: "stale");

        await using var server = await StartAsync(maxNodes: 1);
        var health = await HttpAssert.JsonAsync(await server.Client.GetAsync("/health", Token), HttpStatusCode.OK);
        var nodes = health.GetProperty("components").GetProperty("nodes");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(1, nodes.GetProperty("live").GetInt32());
        Assert.False(nodes.GetProperty("over_limit").GetBoolean());
        Assert.Equal(JsonValueKind.Null, nodes.GetProperty("over_limit_since").ValueKind);
    }

    [Fact]
    public async Task Start_Unlimited_IgnoresHowManyAreLive()
    {
        for (var i = 0; i < 5; i++)
        {
            await SeedAsync(Database, $"n{i}", T0.AddHours(-1), T0);
        }

        await using var server = await StartAsync(maxNodes: null);
        var nodes = (await HttpAssert.JsonAsync(await server.Client.GetAsync("/health", Token), HttpStatusCode.OK)).GetProperty("components").GetProperty("nodes");

        Assert.Equal(6, nodes.GetProperty("live").GetInt32());
        Assert.False(nodes.GetProperty("over_limit").GetBoolean());
    }

    [Fact]
    public async Task Start_WithAShorterGrace_IsRefusedSooner()
    {
        await SeedAsync(Database, "n1", T0.AddMinutes(-30), T0);
        await SeedAsync(Database, "n2", T0.AddMinutes(-2), T0);

        var error = await Assert.ThrowsAsync<NodeLimitExceededException>(() => StartAsync(maxNodes: 1, grace: TimeSpan.FromMinutes(1)));

        Assert.Contains("60 s grace", error.Message, StringComparison.Ordinal);
    }

    private Task<AxonFlowTestServer> StartAsync(int? maxNodes, TimeSpan? grace = null) => AxonFlowTestServer.StartAsync(
        Database,
        s => grace is null ? s : s with { Nodes = s.Nodes with { LimitGrace = grace.Value } },
        new FakeTimeProvider(T0),
        services: services => services.AddSingleton(new NodeLimitOptions { MaxNodes = maxNodes }));
}
