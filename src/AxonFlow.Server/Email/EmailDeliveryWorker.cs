using AxonFlow.Postgres.Email;
using Npgsql;

namespace AxonFlow.Server.Email;

/// <summary>
/// Delivers <c>email_outbox</c> across orgs: claims due pending rows (a lease under <c>FOR UPDATE SKIP LOCKED</c>, so
/// nodes never send one message twice), sends each, then marks it sent (bodies cleared), schedules a retry with backoff,
/// or marks it failed after the last attempt. Without a transport (dev) it sends nothing: it logs each waiting message
/// once an hour, by kind, recipient domain and id — never the address, subject or body, which may carry a token.
/// </summary>
internal sealed partial class EmailDeliveryWorker(
    EmailOutboxDelivery? outbox,
    IEmailTransport? transport,
    EmailSettings settings,
    EmailDeliverySignal signal,
    TimeProvider timeProvider,
    ILogger<EmailDeliveryWorker> logger) : BackgroundService
{
    public const int BatchSize = 20;

    /// <summary>Longer than any send can take (30 s timeouts), so a claim outlives its attempt.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>How often the dev log repeats a message that is still waiting.</summary>
    public static readonly TimeSpan DevReminder = TimeSpan.FromHours(1);

    private readonly EmailRetryPolicy _retry = new(settings.MaxAttempts, settings.RetryBase);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (outbox is null)
        {
            Log.NoAdminPool(logger);
            return;
        }

        Log.Started(logger, transport?.Name ?? "log (no transport)", (int)settings.PollInterval.TotalSeconds, settings.MaxAttempts);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(outbox, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException ex)
            {
                Log.ScanFailed(logger, ex.GetType().Name);
            }

            await signal.WaitAsync(settings.PollInterval, timeProvider, stoppingToken);
        }
    }

    private async Task DrainAsync(EmailOutboxDelivery store, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            var lease = transport is null ? DevReminder : Lease;
            var batch = await store.ClaimDueAsync(now, BatchSize, now + lease, countAttempt: transport is not null, cancellationToken);
            foreach (var message in batch)
            {
                if (transport is null)
                {
                    var domain = RecipientDomain.Of(message.Recipient);
                    Log.Waiting(logger, message.Kind, domain, message.Id);
                    continue;
                }

                await DeliverAsync(store, transport, message, cancellationToken);
            }

            if (batch.Count < BatchSize)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(EmailOutboxDelivery store, IEmailTransport sender, ClaimedEmail message, CancellationToken cancellationToken)
    {
        DeliveryOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A transport fault nobody classified must not stop the worker (and with it the host): retry the message.
            outcome = new DeliveryOutcome.Transient($"{sender.Name}: unexpected {ex.GetType().Name}");
        }

        var now = timeProvider.GetUtcNow();
        var domain = RecipientDomain.Of(message.Recipient);
        switch (outcome)
        {
            case DeliveryOutcome.Delivered delivered:
                await store.MarkSentAsync(message.Id, now, delivered.ProviderMessageId, cancellationToken);
                Log.Sent(logger, message.Kind, message.Id, sender.Name, domain, message.Attempt);
                break;
            case DeliveryOutcome.Transient transient when !_retry.IsExhausted(message.Attempt):
                var delay = _retry.DelayAfter(message.Attempt, Random.Shared.NextDouble());
                var next = now + (transient.RetryAfter is { } floor && floor > delay ? TimeSpanMin(floor, EmailRetryPolicy.MaxDelay) : delay);
                await store.ScheduleRetryAsync(message.Id, next, transient.Error, cancellationToken);
                Log.Retrying(logger, message.Kind, message.Id, sender.Name, message.Attempt, settings.MaxAttempts, transient.Error, next);
                break;
            case DeliveryOutcome.Transient transient:
                await store.MarkFailedAsync(message.Id, now, transient.Error, cancellationToken);
                Log.Failed(logger, message.Kind, message.Id, sender.Name, message.Attempt, transient.Error);
                break;
            case DeliveryOutcome.Permanent permanent:
                await store.MarkFailedAsync(message.Id, now, permanent.Error, cancellationToken);
                Log.Failed(logger, message.Kind, message.Id, sender.Name, message.Attempt, permanent.Error);
                break;
        }
    }

    private static TimeSpan TimeSpanMin(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(EventId = 7401, Level = LogLevel.Information, Message = "Email delivery started: transport {Transport}, polling every {PollSeconds} s, up to {MaxAttempts} attempts per message")]
        public static partial void Started(ILogger logger, string transport, int pollSeconds, int maxAttempts);

        [LoggerMessage(EventId = 7402, Level = LogLevel.Information, Message = "Email {Kind} for a recipient at {RecipientDomain} is waiting in email_outbox (id {MessageId}); no transport is configured, so it is not sent (docs/email.md)")]
        public static partial void Waiting(ILogger logger, string kind, string recipientDomain, Guid messageId);

        [LoggerMessage(EventId = 7403, Level = LogLevel.Information, Message = "Email {Kind} {MessageId} delivered via {Transport} to a recipient at {RecipientDomain} (attempt {Attempt})")]
        public static partial void Sent(ILogger logger, string kind, Guid messageId, string transport, string recipientDomain, int attempt);

        [LoggerMessage(EventId = 7404, Level = LogLevel.Warning, Message = "Email {Kind} {MessageId} not delivered via {Transport} (attempt {Attempt} of {MaxAttempts}): {Error}; next attempt at {NextAttemptAt:O}")]
        public static partial void Retrying(ILogger logger, string kind, Guid messageId, string transport, int attempt, int maxAttempts, string error, DateTimeOffset nextAttemptAt);

        [LoggerMessage(EventId = 7405, Level = LogLevel.Error, Message = "Email {Kind} {MessageId} failed via {Transport} after {Attempt} attempt(s): {Error}; it stays in email_outbox with status failed (docs/email.md explains a requeue)")]
        public static partial void Failed(ILogger logger, string kind, Guid messageId, string transport, int attempt, string error);

        [LoggerMessage(EventId = 7406, Level = LogLevel.Warning, Message = "No email transport and no platform-admin pool: queued messages stay in email_outbox and are not listed in the log. Set AXONFLOW_DB_PLATFORM_ADMIN_URL to have them listed, or configure SMTP_HOST or RESEND_API_KEY to send them (docs/email.md)")]
        public static partial void NoAdminPool(ILogger logger);

        [LoggerMessage(EventId = 7407, Level = LogLevel.Warning, Message = "Email outbox scan failed ({ErrorType}); retrying at the next poll")]
        public static partial void ScanFailed(ILogger logger, string errorType);
    }
}
