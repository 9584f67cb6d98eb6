using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Email;
using AxonFlow.Server.Email;
using Microsoft.Extensions.Time.Testing;
using static AxonFlow.IntegrationTests.Email.EmailTestServers;

namespace AxonFlow.IntegrationTests.Email;

/// <summary>No transport (dev): messages stay in the outbox and the log says one is waiting, without address or token.</summary>
public sealed class DevLogDeliveryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly OutboundEmail Message = new(
        "tenant.delete_confirm", "grace.hopper@customer.test", "Confirm deletion: code del_SECRET789", "Your code is del_SECRET789");

    private TestDatabase Database => fixture.Database;

    public async ValueTask InitializeAsync() => await OutboxRows.ClearAsync(Database);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task NoTransport_KeepsTheMessagePending_AndLogsKindDomainAndIdOnly()
    {
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, new EmailSettings { PollInterval = TimeSpan.FromHours(1) }, time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_dev", Message, T0);

        var line = await WaitForLogAsync(server, 7402, id.ToString());
        Assert.Contains("tenant.delete_confirm", line.Message, StringComparison.Ordinal);
        Assert.Contains("customer.test", line.Message, StringComparison.Ordinal);
        foreach (var secret in new[] { "grace.hopper", "del_SECRET789", "Confirm deletion" })
        {
            Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal));
        }

        var row = await OutboxRows.ReadAsync(Database, id);
        Assert.Equal("pending", row.Status);
        Assert.Equal(0, row.Attempts);
        Assert.Equal("Your code is del_SECRET789", row.BodyText);
        Assert.Equal(T0 + EmailDeliveryWorker.DevReminder, row.NextAttemptAt);
    }

    [Fact]
    public async Task NoTransport_RemindsOncePerHour_NotOnEveryPoll()
    {
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, new EmailSettings { PollInterval = TimeSpan.FromHours(1) }, time);
        var id = await OutboxRows.EnqueueAsync(Database, "cs_dev", Message, T0);
        await WaitForLogAsync(server, 7402, id.ToString());

        AdvanceAndWake(server, time, TimeSpan.FromMinutes(30));
        var marker = await OutboxRows.EnqueueAsync(Database, "cs_dev", Message, time.GetUtcNow());
        await WaitForLogAsync(server, 7402, marker.ToString());
        Assert.Single(server.Logs.Entries, e => e.EventId.Id == 7402 && e.Message.Contains(id.ToString(), StringComparison.Ordinal));

        AdvanceAndWake(server, time, TimeSpan.FromMinutes(31));
        await WaitForLogAsync(server, 7402, id.ToString(), count: 2);
        Assert.Equal(0, (await OutboxRows.ReadAsync(Database, id)).Attempts);
    }

    [Fact]
    public async Task NoTransportAndNoAdminPool_SaysSoAtStart()
    {
        var time = new FakeTimeProvider(T0);
        await using var server = await AxonFlowTestServer.StartAsync(Database, timeProvider: time, withPlatformAdmin: false);

        var line = await WaitForLogAsync(server, 7406, "AXONFLOW_DB_PLATFORM_ADMIN_URL");

        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, line.Level);
    }

    private static async Task<CapturingLoggerProvider.CapturedLog> WaitForLogAsync(AxonFlowTestServer server, int eventId, string fragment, int count = 1)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var lines = server.Logs.Entries.Where(e => e.EventId.Id == eventId && e.Message.Contains(fragment, StringComparison.Ordinal)).ToList();
            if (lines.Count >= count)
            {
                return lines[^1];
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"no log {eventId} with '{fragment}' (x{count})");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
