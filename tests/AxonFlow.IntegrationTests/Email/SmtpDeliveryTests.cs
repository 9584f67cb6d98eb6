using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Email;
using Microsoft.Extensions.Time.Testing;
using static AxonFlow.IntegrationTests.Email.EmailTestServers;

namespace AxonFlow.IntegrationTests.Email;

/// <summary>Outbox delivery through MailKit to a real SMTP conversation on loopback.</summary>
public sealed class SmtpDeliveryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly OutboundEmail Message = new(
        "recovery.magic_link", "ada@customer.test", "Your AxonFlow sign-in link", "Open https://axonflow.test/verify?token=tok_SECRET123", "<p>tok_SECRET123</p>");

    private TestDatabase Database => fixture.Database;

    public async ValueTask InitializeAsync() => await OutboxRows.ClearAsync(Database);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Worker_SendsTheQueuedMessage_WithItsEnvelopeHeadersAndBody_ThenClearsTheBody()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Smtp(smtp.Port), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_smtp", Message, T0);

        var row = await OutboxRows.WaitForAsync(Database, id, r => r.Status == "sent");
        var delivery = Assert.Single(smtp.Deliveries);
        Assert.Equal("noreply@axonflow.test", delivery.MailFrom);
        Assert.Equal(["ada@customer.test"], delivery.RecipientsTo);
        Assert.Null(delivery.AuthenticatedUser);
        var mime = delivery.Message;
        Assert.Equal("\"AxonFlow\" <noreply@axonflow.test>", mime.From.ToString());
        Assert.Equal("ada@customer.test", Assert.Single(mime.To.Mailboxes).Address);
        Assert.Empty(mime.Cc);
        Assert.Empty(mime.Bcc);
        Assert.DoesNotContain(mime.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Your AxonFlow sign-in link", mime.Subject);
        Assert.Equal($"{id:N}@axonflow.test", mime.MessageId);
        Assert.Equal(T0, mime.Date);
        Assert.Equal("auto-generated", mime.Headers["Auto-Submitted"]);
        Assert.Contains("token=tok_SECRET123", mime.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>tok_SECRET123</p>", mime.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(smtp.Commands, c => c.StartsWith("EHLO ", StringComparison.Ordinal));
        Assert.Contains("QUIT", smtp.Commands);
        Assert.DoesNotContain(smtp.Commands, c => c.StartsWith("AUTH", StringComparison.Ordinal));

        Assert.Equal(T0, row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.BodyText);
        Assert.Null(row.BodyHtml);
        Assert.Null(row.LastError);
        Assert.Equal(mime.MessageId, row.ProviderMessageId);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 7403 && e.Message.Contains(id.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains("ada@", StringComparison.Ordinal) || e.Message.Contains("tok_SECRET123", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Worker_WakesOnTheInsertNotification_WithoutWaitingForItsPoll()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Smtp(smtp.Port), time);
        var first = await OutboxRows.EnqueueAsync(Database, "cs_smtp", Message, T0);
        await OutboxRows.WaitForAsync(Database, first, r => r.Status == "sent");

        // The worker is now waiting on an hour-long poll the fake clock never reaches: only the NOTIFY of migration
        // 021's trigger, sent by a connection that is not the server's, can wake it.
        var second = await OutboxRows.EnqueueAsync(Database, "cs_other_org", Message with { Recipient = "bob@customer.test" }, T0);

        await OutboxRows.WaitForAsync(Database, second, r => r.Status == "sent");
        Assert.Equal(2, smtp.Deliveries.Count);
    }

    [Fact]
    public async Task Worker_WithCredentials_AuthenticatesBeforeSending()
    {
        await using var smtp = LoopbackSmtpServer.Start(credentials: ("mailer", "s3cret-relay-pass"));
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Smtp(smtp.Port, ("mailer", "s3cret-relay-pass")), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_smtp", Message, T0);

        await OutboxRows.WaitForAsync(Database, id, r => r.Status == "sent");
        Assert.Equal("mailer", Assert.Single(smtp.Deliveries).AuthenticatedUser);
        Assert.Contains(smtp.Commands, c => c.StartsWith("AUTH PLAIN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Worker_WrongPassword_RetriesLater_AndKeepsThePasswordOutOfTheErrorAndLog()
    {
        await using var smtp = LoopbackSmtpServer.Start(credentials: ("mailer", "the-right-one"));
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Smtp(smtp.Port, ("mailer", "wrong-pass-xyz")), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_smtp", Message, T0);

        var row = await OutboxRows.WaitForAsync(Database, id, r => r.Attempts == 1 && r.LastError is not null);
        Assert.Equal("pending", row.Status);
        Assert.Contains("authentication failed", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pass-xyz", row.LastError, StringComparison.Ordinal);
        Assert.Empty(smtp.Deliveries);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains("wrong-pass-xyz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Worker_RelayDown_RetriesWithBackoff_AndDeliversOnceItIsBack()
    {
        var port = LoopbackSmtpServer.UnusedPort();
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Smtp(port), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_smtp", Message, T0);

        var failed = await OutboxRows.WaitForAsync(Database, id, r => r.Attempts == 1 && r.LastError is not null);
        Assert.Equal("pending", failed.Status);
        Assert.StartsWith("smtp: cannot connect", failed.LastError, StringComparison.Ordinal);
        // Base 30 s, equal jitter: the first retry lands between 15 and 30 s after the attempt.
        Assert.InRange(failed.NextAttemptAt, T0.AddSeconds(15), T0.AddSeconds(30));

        await using var smtp = LoopbackSmtpServer.Start(port);
        AdvanceAndWake(server, time, TimeSpan.FromSeconds(31));

        var sent = await OutboxRows.WaitForAsync(Database, id, r => r.Status == "sent");
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(T0.AddSeconds(31), sent.SentAt);
        Assert.Single(smtp.Deliveries);
    }

    [Fact]
    public async Task Worker_NotDueYet_DoesNotRetryEarly()
    {
        var port = LoopbackSmtpServer.UnusedPort();
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Smtp(port), time);
        var id = await OutboxRows.EnqueueAsync(Database, "cs_smtp", Message, T0);
        await OutboxRows.WaitForAsync(Database, id, r => r.Attempts == 1 && r.LastError is not null);
        await using var smtp = LoopbackSmtpServer.Start(port);

        // 10 s is before the earliest retry (15 s): a wake-up drains, but the row is not due.
        AdvanceAndWake(server, time, TimeSpan.FromSeconds(10));
        var other = await OutboxRows.EnqueueAsync(Database, "cs_smtp", Message with { Recipient = "bob@customer.test" }, time.GetUtcNow());

        await OutboxRows.WaitForAsync(Database, other, r => r.Status == "sent");
        Assert.Equal(1, (await OutboxRows.ReadAsync(Database, id)).Attempts);
        Assert.Equal(["bob@customer.test"], Assert.Single(smtp.Deliveries).RecipientsTo);
    }

    [Fact]
    public async Task Worker_TemporaryRefusal_IsFailedAfterMaxAttempts()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        smtp.DataReply = "451 4.3.0 Try again later";
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Smtp(smtp.Port, maxAttempts: 3), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_smtp", Message, T0);
        await OutboxRows.WaitForAsync(Database, id, r => r.Attempts == 1 && r.LastError is not null);
        AdvanceAndWake(server, time, TimeSpan.FromHours(1));
        // The attempt is counted when the row is claimed (its lease then runs 5 minutes); wait for the retry to be scheduled.
        await OutboxRows.WaitForAsync(Database, id, r => r.Attempts == 2 && r.NextAttemptAt < time.GetUtcNow() + Server.Email.EmailDeliveryWorker.Lease);
        Assert.Equal("pending", (await OutboxRows.ReadAsync(Database, id)).Status);
        AdvanceAndWake(server, time, TimeSpan.FromHours(1));

        var row = await OutboxRows.WaitForAsync(Database, id, r => r.Status == "failed");
        Assert.Equal(3, row.Attempts);
        Assert.Equal("smtp: 451 MessageNotAccepted", row.LastError);
        Assert.Null(row.SentAt);
        Assert.Empty(smtp.Deliveries);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 7405 && e.Message.Contains(id.ToString(), StringComparison.Ordinal));

        // Failed is final: later polls leave it alone.
        AdvanceAndWake(server, time, TimeSpan.FromHours(2));
        var next = await OutboxRows.EnqueueAsync(Database, "cs_smtp", Message, time.GetUtcNow());
        await OutboxRows.WaitForAsync(Database, next, r => r.Attempts == 1);
        Assert.Equal(3, (await OutboxRows.ReadAsync(Database, id)).Attempts);
    }

    [Fact]
    public async Task Worker_PermanentRefusal_IsFailedAtOnce()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        smtp.RecipientReply = "550 5.1.1 No such user";
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Smtp(smtp.Port), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_smtp", Message, T0);

        var row = await OutboxRows.WaitForAsync(Database, id, r => r.Status == "failed");
        Assert.Equal(1, row.Attempts);
        Assert.Equal("smtp: 550 RecipientNotAccepted", row.LastError);
        Assert.DoesNotContain("ada@", row.LastError, StringComparison.Ordinal);
        Assert.Empty(smtp.Deliveries);
    }

    [Fact]
    public async Task Worker_StartTlsRequired_RefusesARelayWithoutIt_AndSendsNothingInClear()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        var time = new FakeTimeProvider(T0);
        await using var server = await StartAsync(Database, Smtp(smtp.Port, security: Server.Email.SmtpSecurity.StartTls), time);

        var id = await OutboxRows.EnqueueAsync(Database, "cs_smtp", Message, T0);

        var row = await OutboxRows.WaitForAsync(Database, id, r => r.Attempts == 1 && r.LastError is not null);
        Assert.Equal("pending", row.Status);
        Assert.Contains("STARTTLS", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(smtp.Commands, c => c.StartsWith("MAIL", StringComparison.Ordinal));
        Assert.Empty(smtp.Deliveries);
    }

    [Fact]
    public async Task TwoWorkersOnOneDatabase_NeverSendAMessageTwice()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        smtp.AcceptDelay = TimeSpan.FromMilliseconds(20);
        var time = new FakeTimeProvider(T0);
        await using var first = await StartAsync(Database, Smtp(smtp.Port), time);
        await using var second = await StartAsync(Database, Smtp(smtp.Port), time);

        var ids = await OutboxRows.EnqueueManyAsync(Database, "cs_bulk", 60, T0);

        var rows = new List<OutboxRow>();
        foreach (var id in ids)
        {
            rows.Add(await OutboxRows.WaitForAsync(Database, id, r => r.Status == "sent"));
        }

        Assert.Equal(60, smtp.Deliveries.Count);
        Assert.Equal(60, smtp.Deliveries.Select(d => d.Message.MessageId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids.Select(id => $"{id:N}@axonflow.test").Order(StringComparer.Ordinal), smtp.Deliveries.Select(d => d.Message.MessageId).Order(StringComparer.Ordinal));
        Assert.All(rows, row => Assert.Equal(1, row.Attempts));
    }
}
