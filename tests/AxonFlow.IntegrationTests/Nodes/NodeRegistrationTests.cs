using System.Net;
using AxonFlow.Core.Nodes;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static AxonFlow.IntegrationTests.Nodes.NodeRows;

namespace AxonFlow.IntegrationTests.Nodes;

/// <summary>Every server registers its node row, heartbeats on the clock, marks the row stopped on a clean shutdown, and can change only its own row.</summary>
public sealed class NodeRegistrationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private TestDatabase Database => fixture.Database;

    public async ValueTask InitializeAsync() => await ClearAsync(Database);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Serve_RegistersHeartbeatsAndMarksStoppedOnCleanShutdown()
    {
        var time = new FakeTimeProvider(T0);
        string nodeId;
        await using (var server = await AxonFlowTestServer.StartAsync(Database, timeProvider: time))
        {
            nodeId = server.Services.GetRequiredService<ThisNode>().Id.Value;
            var registered = await ReadAsync(Database, nodeId);
            Assert.NotNull(registered);
            Assert.Equal(("live", T0, T0), (registered.Status, registered.StartedAt, registered.LastHeartbeatAt));
            Assert.Equal("9.0.0", registered.Version);
            Assert.Equal(NodeId.SafeHost(Environment.MachineName), registered.Hostname);
            Assert.StartsWith(registered.Hostname + "-", nodeId, StringComparison.Ordinal);

            time.Advance(TimeSpan.FromSeconds(15));
            await WaitForAsync(Database, nodeId, r => r.LastHeartbeatAt == T0.AddSeconds(15));
            time.Advance(TimeSpan.FromSeconds(15));
            await WaitForAsync(Database, nodeId, r => r.LastHeartbeatAt == T0.AddSeconds(30));
            Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 5401 && e.Message.Contains(nodeId, StringComparison.Ordinal));
        }

        var stopped = await ReadAsync(Database, nodeId);
        Assert.NotNull(stopped);
        Assert.Equal("stopped", stopped.Status);
        Assert.Equal(T0.AddSeconds(30), stopped.StoppedAt);
        Assert.Equal(T0, stopped.StartedAt);
    }

    [Fact]
    public async Task Heartbeat_HonoursTheConfiguredInterval_AndRevivesAStaleRow()
    {
        var time = new FakeTimeProvider(T0);
        await using var server = await AxonFlowTestServer.StartAsync(Database, s => s with { Nodes = new NodeSettings { HeartbeatInterval = TimeSpan.FromSeconds(5) } }, time);
        var nodeId = server.Services.GetRequiredService<ThisNode>().Id.Value;
        await using (var owner = Database.CreateOwnerDataSource())
        await using (var markStale = owner.CreateCommand("UPDATE nodes SET status = 'stale' WHERE node_id = $1"))
        {
            markStale.Parameters.Add(new NpgsqlParameter { Value = nodeId });
            Assert.Equal(1, await markStale.ExecuteNonQueryAsync(Token));
        }

        time.Advance(TimeSpan.FromSeconds(5));

        var revived = await WaitForAsync(Database, nodeId, r => r.LastHeartbeatAt == T0.AddSeconds(5));
        Assert.Equal("live", revived.Status);
    }

    [Fact]
    public async Task Health_ShowsTheNodesComponent()
    {
        await using var server = await AxonFlowTestServer.StartAsync(Database, timeProvider: new FakeTimeProvider(T0));

        var nodes = (await HttpAssert.JsonAsync(await server.Client.GetAsync("/health", Token), HttpStatusCode.OK)).GetProperty("components").GetProperty("nodes");

        Assert.Equal("ok", nodes.GetProperty("status").GetString());
        Assert.Equal(server.Services.GetRequiredService<ThisNode>().Id.Value, nodes.GetProperty("node_id").GetString());
        Assert.True(nodes.GetProperty("registered").GetBoolean());
        Assert.Equal(1, nodes.GetProperty("live").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, nodes.GetProperty("limit").ValueKind);
        Assert.False(nodes.GetProperty("over_limit").GetBoolean());
        Assert.Equal(600, nodes.GetProperty("grace_seconds").GetInt32());
        Assert.False(nodes.GetProperty("monitor").GetBoolean());
    }

    [Fact]
    public async Task AppRole_HasNoWriteGrant_NorTheSecretHash()
    {
        await SeedAsync(Database, "victim-node", T0, T0);
        await using var app = Database.CreateAppDataSource();

        foreach (var sql in new[]
        {
            "UPDATE nodes SET status = 'stopped'",
            "DELETE FROM nodes",
            "INSERT INTO nodes (node_id, hostname, version, started_at, last_heartbeat_at, secret_hash) VALUES ('x', 'h', 'v', now(), now(), sha256('x'::bytea))",
            "SELECT secret_hash FROM nodes",
        })
        {
            await using var command = app.CreateCommand(sql);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Token));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }

        await using var read = app.CreateCommand("SELECT count(*) FROM nodes WHERE node_id = 'victim-node'");
        Assert.Equal(1L, await read.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task DefinerFunctions_ChangeOnlyTheRowWhoseSecretIsPresented()
    {
        await SeedAsync(Database, "victim-node", T0, T0);
        await using var app = Database.CreateAppDataSource();

        foreach (var sql in new[] { "SELECT node_stop($1, $2, $3)", "SELECT node_heartbeat($1, $2, $3)" })
        {
            await using var command = app.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = "victim-node" });
            command.Parameters.Add(new NpgsqlParameter { Value = "guessed"u8.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = T0.AddHours(1) });
            Assert.False((bool)(await command.ExecuteScalarAsync(Token))!);
        }

        await using var register = app.CreateCommand("SELECT node_register('victim-node', 'h', 'v', 'mine'::bytea, now())");
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => register.ExecuteNonQueryAsync(Token));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);

        var untouched = await ReadAsync(Database, "victim-node");
        Assert.Equal(("live", T0, "other-host"), (untouched!.Status, untouched.LastHeartbeatAt, untouched.Hostname));
    }
}
