using System.Security.Cryptography;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.CommunitySaas;
using AxonFlow.Postgres.Email;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.CommunitySaas.Erasure;

/// <summary>
/// The asynchronous half of <c>delete-request</c> (<c>[CSAAS-DELETE]</c>): in the tenant's org scope, compare the given
/// email's digest with the one on file in constant time and, on a match, store a one-hour confirmation token and enqueue
/// its email in the same transaction.
/// </summary>
internal sealed partial class DeleteRequestMailer(
    OrgScope scope,
    DeleteTokenStore tokens,
    AxonFlowSettings settings,
    TimeProvider timeProvider,
    ILogger<DeleteRequestMailer> logger)
{
    public const string EmailKind = "tenant.delete_confirm";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public async Task SendAsync(string tenantId, byte[] emailHash, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var sent = await scope.RunAsync(OrgId.Create(tenantId), async (session, ct) =>
        {
            var contact = await TenantContactReader.ReadAsync(session, ct);
            if (contact is not { Email: { } email, EmailHash: { } onFile } || !CryptographicOperations.FixedTimeEquals(onFile, emailHash))
            {
                return false;
            }

            var token = await tokens.IssueAsync(session, now, Lifetime, ct);
            await EmailOutbox.EnqueueAsync(session, Message(email, tenantId, token.Value), now, ct);
            return true;
        }, cancellationToken);

        if (sent)
        {
            Log.Queued(logger);
        }
        else
        {
            Log.NoMatch(logger);
        }
    }

    private OutboundEmail Message(string recipient, string tenantId, string token)
    {
        var url = $"{settings.CommunitySaas.PublicUrl}/api/v1/tenant/{tenantId}/delete-confirm";
        var text = $"""
            Someone (hopefully you) asked to permanently delete the AxonFlow tenant {tenantId} and all of its data.

            To confirm within one hour, send this token:

              curl -X POST {url} -H 'Content-Type: application/json' -d '{"{"}"token":"{token}"{"}"}'

            Deletion cannot be undone. If you did not ask for this, ignore this message; nothing is deleted without the token.
            """;
        return new OutboundEmail(EmailKind, recipient, "Confirm the deletion of your AxonFlow tenant", text);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7320, Level = LogLevel.Information, Message = "[CSAAS-DELETE] deletion confirmation token queued")]
        public static partial void Queued(ILogger logger);

        [LoggerMessage(EventId = 7321, Level = LogLevel.Information, Message = "[CSAAS-DELETE] deletion request did not match a tenant's email on file; nothing sent")]
        public static partial void NoMatch(ILogger logger);
    }
}
