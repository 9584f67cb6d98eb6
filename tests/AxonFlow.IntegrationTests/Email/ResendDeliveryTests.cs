using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Email;
using Microsoft.Extensions.Time.Testing;
using static AxonFlow.IntegrationTests.Email.EmailTestServers;

namespace AxonFlow.IntegrationTests.Email;

/// <summary>Outbox delivery through the Resend HTTP API, against a loopback fake speaking real HTTP and JSON.</summary>
public sealed class ResendDeliveryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly OutboundEmail Message = new(
        "billing.pro_license", "buyer@customer.test", "Your AxonFlow Pro license", "License: lic_SECRET456", "<p>lic_SECRET456</p>");

    private TestDatabase Database => fixture.Database;

    public async ValueTask InitializeAsync() => await OutboxRows.ClearAsync(Database);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Worker_PostsTheMessageWithBearerAuthAndIdempotencyKey_ThenMarksItSent()
    {
        await using var api = await FakeResendApi.StartAsync();
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Resend(api.BaseUrl), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_resend", Message, T0);

        var row = await OutboxRows.WaitForAsync(Database, id, r => r.Status == "sent");
        var call = Assert.Single(api.Calls);
        Assert.Equal("Bearer re_test_key_0123456789", call.Authorization);
        Assert.Equal(id.ToString("D"), call.IdempotencyKey);
        Assert.StartsWith("application/json", call.ContentType, StringComparison.Ordinal);
        Assert.Equal("AxonFlow <noreply@axonflow.test>", call.Body.GetProperty("from").GetString());
        Assert.Equal(["buyer@customer.test"], call.Body.GetProperty("to").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Your AxonFlow Pro license", call.Body.GetProperty("subject").GetString());
        Assert.Equal("License: lic_SECRET456", call.Body.GetProperty("text").GetString());
        Assert.Equal("<p>lic_SECRET456</p>", call.Body.GetProperty("html").GetString());
        Assert.False(call.Body.TryGetProperty("bcc", out _));
        Assert.False(call.Body.TryGetProperty("cc", out _));

        Assert.Equal("re_1", row.ProviderMessageId);
        Assert.Equal(T0, row.SentAt);
        Assert.Null(row.BodyText);
        Assert.Null(row.BodyHtml);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains("re_test_key", StringComparison.Ordinal) || e.Message.Contains("lic_SECRET456", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Worker_MessageWithItsOwnSender_UsesIt()
    {
        await using var api = await FakeResendApi.StartAsync();
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Resend(api.BaseUrl), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_resend", Message with { Sender = "AxonFlow Billing <billing@axonflow.test>" }, T0);

        await OutboxRows.WaitForAsync(Database, id, r => r.Status == "sent");
        Assert.Equal("AxonFlow Billing <billing@axonflow.test>", Assert.Single(api.Calls).Body.GetProperty("from").GetString());
    }

    [Fact]
    public async Task Worker_RateLimitedThenServerError_RetriesBoth_AndDeliversOnTheThirdAttempt()
    {
        await using var api = await FakeResendApi.StartAsync();
        api.Replies.Enqueue((429, """{"statusCode":429,"message":"Too many requests","name":"rate_limit_exceeded"}"""));
        api.Replies.Enqueue((500, """{"statusCode":500,"message":"boom","name":"internal_server_error"}"""));
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Resend(api.BaseUrl), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_resend", Message, T0);

        var first = await OutboxRows.WaitForAsync(Database, id, r => r.Attempts == 1 && r.LastError is not null);
        Assert.Equal(("pending", "resend: HTTP 429 rate_limit_exceeded"), (first.Status, first.LastError));
        AdvanceAndWake(server, time, TimeSpan.FromSeconds(31));
        var second = await OutboxRows.WaitForAsync(Database, id, r => r.Attempts == 2 && r.LastError != first.LastError);
        Assert.Equal(("pending", "resend: HTTP 500 internal_server_error"), (second.Status, second.LastError));
        // The second retry waits 30-60 s.
        Assert.InRange(second.NextAttemptAt, T0.AddSeconds(31 + 30), T0.AddSeconds(31 + 60));
        AdvanceAndWake(server, time, TimeSpan.FromSeconds(61));

        var sent = await OutboxRows.WaitForAsync(Database, id, r => r.Status == "sent");
        Assert.Equal(3, sent.Attempts);
        Assert.Equal(3, api.Calls.Count);
        Assert.Single(api.Calls.Select(c => c.IdempotencyKey).Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Worker_RateLimitedWithRetryAfter_WaitsAtLeastThatLong()
    {
        await using var api = await FakeResendApi.StartAsync();
        api.RetryAfterSeconds = 600;
        api.Replies.Enqueue((429, """{"statusCode":429,"name":"rate_limit_exceeded"}"""));
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Resend(api.BaseUrl), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_resend", Message, T0);

        var row = await OutboxRows.WaitForAsync(Database, id, r => r.Attempts == 1 && r.LastError is not null);
        Assert.Equal(T0.AddSeconds(600), row.NextAttemptAt);
        AdvanceAndWake(server, time, TimeSpan.FromSeconds(599));
        var other = await OutboxRows.EnqueueAsync(Database, "cs_resend", Message, time.GetUtcNow());
        await OutboxRows.WaitForAsync(Database, other, r => r.Status == "sent");
        Assert.Equal(1, (await OutboxRows.ReadAsync(Database, id)).Attempts);
        AdvanceAndWake(server, time, TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await OutboxRows.WaitForAsync(Database, id, r => r.Status == "sent")).Attempts);
    }

    [Fact]
    public async Task Worker_ValidationError_IsFailedAtOnce()
    {
        await using var api = await FakeResendApi.StartAsync();
        api.Replies.Enqueue((422, """{"statusCode":422,"message":"Invalid `to` field: buyer@customer.test","name":"validation_error"}"""));
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Resend(api.BaseUrl), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_resend", Message, T0);

        var row = await OutboxRows.WaitForAsync(Database, id, r => r.Status == "failed");
        Assert.Equal(1, row.Attempts);
        Assert.Equal("resend: HTTP 422 validation_error", row.LastError);
        Assert.Single(api.Calls);
    }

    [Fact]
    public async Task Worker_ApiUnreachable_RetriesLater()
    {
        var time = new FakeTimeProvider(T0);
        var unreachable = new Uri($"http://127.0.0.1:{LoopbackSmtpServer.UnusedPort()}/");
        await using var server = await StartAsync(Database, Resend(unreachable), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_resend", Message, T0);

        var row = await OutboxRows.WaitForAsync(Database, id, r => r.Attempts == 1 && r.LastError is not null);
        Assert.Equal("pending", row.Status);
        Assert.StartsWith("resend: cannot connect", row.LastError, StringComparison.Ordinal);
    }
}
