using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Email;
using AxonFlow.Server.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace AxonFlow.IntegrationTests.Email;

/// <summary>Starts the real agent with an email transport and waits until its outbox listener is LISTENing.</summary>
internal static class EmailTestServers
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly MailboxAddress From = new("AxonFlow", "noreply@axonflow.test");

    public static EmailSettings Smtp(int port, (string User, string Password)? credentials = null, SmtpSecurity security = SmtpSecurity.None, int maxAttempts = 8) => new()
    {
        Transport = EmailTransportKind.Smtp,
        From = From,
        Smtp = new SmtpOptions("127.0.0.1", port, security, credentials?.User, credentials?.Password),
        MaxAttempts = maxAttempts,
        PollInterval = TimeSpan.FromHours(1),
    };

    public static EmailSettings Resend(Uri baseUrl, int maxAttempts = 8) => new()
    {
        Transport = EmailTransportKind.Resend,
        From = From,
        Resend = new ResendOptions("re_test_key_0123456789", baseUrl),
        MaxAttempts = maxAttempts,
        PollInterval = TimeSpan.FromHours(1),
    };

    public static async Task<AxonFlowTestServer> StartAsync(TestDatabase database, EmailSettings email, FakeTimeProvider time, bool withPlatformAdmin = true)
    {
        var server = await AxonFlowTestServer.StartAsync(database, s => s with { Email = email }, time, withPlatformAdmin: withPlatformAdmin);
        await server.Services.GetRequiredService<EmailOutboxListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return server;
    }

    /// <summary>Moves the clock past a scheduled retry and wakes the worker (a wake-up is never lost, so no race with its wait).</summary>
    public static void AdvanceAndWake(AxonFlowTestServer server, FakeTimeProvider time, TimeSpan by)
    {
        time.Advance(by);
        server.Services.GetRequiredService<EmailDeliverySignal>().Wake();
    }
}
