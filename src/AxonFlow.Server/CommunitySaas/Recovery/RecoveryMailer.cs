using System.Text.Encodings.Web;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.CommunitySaas;
using AxonFlow.Postgres.Email;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Server.CommunitySaas.SelfService;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.CommunitySaas.Recovery;

/// <summary>
/// The asynchronous half of <c>POST /api/v1/recover</c> (worker <c>[CSAAS-RECOVERY]</c>): the per-email limit, the
/// lookup of the address's tenants, and — when it has any — one magic link stored and enqueued in one transaction.
/// </summary>
internal sealed partial class RecoveryMailer(
    RecoverableTenants tenants,
    RecoveryTokenStore tokens,
    OrgScope scope,
    SelfServiceLimits limits,
    AxonFlowSettings settings,
    TimeProvider timeProvider,
    ILogger<RecoveryMailer> logger)
{
    public const string EmailKind = "recovery.magic_link";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public async Task SendAsync(string email, byte[] emailHash, CancellationToken cancellationToken)
    {
        if (!limits.RecoverPerEmail.TryAcquire(Convert.ToHexString(emailHash)).Allowed)
        {
            Log.EmailLimited(logger);
            return;
        }

        var now = timeProvider.GetUtcNow();
        var orgs = await tenants.ForEmailAsync(emailHash, now, cancellationToken);
        if (orgs.Count == 0)
        {
            Log.NothingToRecover(logger);
            return;
        }

        // The outbox is org data: the message lives in the newest tenant's org and is erased with it.
        await scope.RunAsync(OrgId.Create(orgs[0]), async (session, ct) =>
        {
            var contact = await TenantContactReader.ReadAsync(session, ct);
            var token = await tokens.IssueAsync(session, emailHash, now, Lifetime, ct);
            var link = $"{settings.CommunitySaas.PublicUrl}/api/v1/recover/verify?token={Uri.EscapeDataString(token.Value)}";
            await EmailOutbox.EnqueueAsync(session, Message(contact?.Email ?? email, link), now, ct);
        }, cancellationToken);
        var recoverable = Math.Min(orgs.Count, RecoveryConsumer.MaxTenantsPerEmail);
        Log.LinkQueued(logger, recoverable);
    }

    private static OutboundEmail Message(string recipient, string link)
    {
        var text = $"""
            Someone (hopefully you) asked to recover the AxonFlow credentials registered with this address.

            Open this link within 15 minutes and confirm to receive new secrets (the old ones stop working):
            {link}

            If you did not ask for this, ignore this message; nothing changes until the link is confirmed.
            """;
        var html = $"""
            <p>Someone (hopefully you) asked to recover the AxonFlow credentials registered with this address.</p>
            <p><a href="{HtmlEncoder.Default.Encode(link)}">Recover my credentials</a> (valid for 15 minutes; the old secrets stop working once you confirm).</p>
            <p>If you did not ask for this, ignore this message; nothing changes until the link is confirmed.</p>
            """;
        return new OutboundEmail(EmailKind, recipient, "Recover your AxonFlow credentials", text, html);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7310, Level = LogLevel.Information, Message = "[CSAAS-RECOVERY] recovery link queued for {Tenants} tenant(s)")]
        public static partial void LinkQueued(ILogger logger, int tenants);

        [LoggerMessage(EventId = 7311, Level = LogLevel.Information, Message = "[CSAAS-RECOVERY] no recoverable tenants for the requested address; nothing sent")]
        public static partial void NothingToRecover(ILogger logger);

        [LoggerMessage(EventId = 7312, Level = LogLevel.Warning, Message = "[CSAAS-RECOVERY] per-address limit reached; nothing sent")]
        public static partial void EmailLimited(ILogger logger);
    }
}
