using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Audit;
using AxonFlow.Postgres.CommunitySaas;
using AxonFlow.Postgres.Credentials;
using AxonFlow.Postgres.OrgScoping;

namespace AxonFlow.Server.CommunitySaas.Recovery;

/// <summary>
/// Consumes a recovery token (atomically, once) and rotates the credential of each unexpired tenant of its address —
/// newest first, at most <see cref="MaxTenantsPerEmail"/> — with the old secrets revoked at once.
/// </summary>
internal sealed partial class RecoveryConsumer(
    RecoveryTokenStore tokens,
    RecoverableTenants tenants,
    OrgScope scope,
    CredentialIssuer issuer,
    TimeProvider timeProvider,
    ILogger<RecoveryConsumer> logger)
{
    public const int MaxTenantsPerEmail = 3;

    /// <summary>The new credentials, or null when the token is unknown, used, expired or wrong.</summary>
    public async Task<IReadOnlyList<RecoveredTenant>?> ConsumeAsync(SplitToken token, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (await tokens.ConsumeAsync(token, now, cancellationToken) is not { } emailHash)
        {
            Log.Refused(logger);
            return null;
        }

        var recovered = new List<RecoveredTenant>();
        foreach (var org in (await tenants.ForEmailAsync(emailHash, now, cancellationToken)).Take(MaxTenantsPerEmail))
        {
            if (!ClientId.TryCreate(org, out var parsed) || parsed is not { } client)
            {
                continue;
            }

            var rotation = await scope.RunAsync(OrgId.Create(org), (session, ct) => issuer.RotateAsync(session, client, TimeSpan.Zero, actor, ct), cancellationToken);
            if (rotation is CredentialRotation.Rotated rotated)
            {
                recovered.Add(new RecoveredTenant(org, rotated.Credential.Secret, rotated.Credential.SecretPrefix, rotated.Credential.ExpiresAt));
            }
        }

        Log.Recovered(logger, recovered.Count);
        return recovered;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7313, Level = LogLevel.Information, Message = "[CSAAS-RECOVERY] recovery link used; {Tenants} credential(s) rotated")]
        public static partial void Recovered(ILogger logger, int tenants);

        [LoggerMessage(EventId = 7314, Level = LogLevel.Information, Message = "[CSAAS-RECOVERY] recovery token refused (unknown, used, expired or wrong)")]
        public static partial void Refused(ILogger logger);
    }
}
