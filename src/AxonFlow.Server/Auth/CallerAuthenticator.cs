using System.Diagnostics.CodeAnalysis;
using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Credentials;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.CommunitySaas;
using AxonFlow.Postgres.Credentials;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.Auth;

/// <summary>
/// Resolves who is calling from the credentials presented, per <c>DEPLOYMENT_MODE</c> (seed 003). Identity headers sent by
/// the caller never decide the org or the client when credentials are present.
/// Security invariant: an unknown client, a wrong secret, a revoked and an expired credential all get the same answer and
/// cost the same hash work, so a caller cannot tell which one it hit. In enterprise mode the deployment license key is
/// also accepted as the secret (seed 003), compared as keyed hashes in constant time.
/// Community SaaS: every presented tenant id is counted against the per-credential minute limit before the lookup and
/// any hash work (registered or not, so the limit reveals nothing); a tenant id erased at its owner's request gets its
/// own 401, looked up only when no credential was found.
/// </summary>
public sealed class CallerAuthenticator(
    AxonFlowSettings settings,
    ApiKeyStore apiKeys,
    CredentialHasher hasher,
    TimeProvider timeProvider,
    Licensing.DeploymentLicenseContext license,
    CommunitySaas.CredentialMinuteLimit minuteLimit,
    DeletedTenants deletedTenants,
    CommunitySaasDigests digests)
{
    private static readonly byte[] DecoyHash = new byte[32];

    public async Task<AuthenticationOutcome> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryReadCredentials(request, out var label, out var credentials, out var malformed))
        {
            return malformed;
        }

        var requiresSecret = settings.Mode != DeploymentMode.Community;
        var hasSecret = credentials is { Secret.Length: > 0 };
        if (requiresSecret && !hasSecret)
        {
            var message = settings.Mode == DeploymentMode.CommunitySaas ? AuthMessages.RegistrationRequired : AuthMessages.AuthenticationRequired;
            return new AuthenticationOutcome.Rejected(StatusCodes.Status401Unauthorized, message, ErrorReasons.MissingCredentials);
        }

        var clientValue = credentials?.ClientId ?? label ?? ClientId.CommunityDefault;
        if (!ClientId.TryCreate(clientValue, out var client))
        {
            return new AuthenticationOutcome.Rejected(StatusCodes.Status401Unauthorized, AuthMessages.InvalidClientId, ErrorReasons.InvalidCredentials);
        }

        // Enterprise: every tenant username may present the deployment license key; the licensed org is the identity's org.
        if (settings.Mode == DeploymentMode.Enterprise && hasSecret && license.MatchesLicenseKey(credentials!.Secret))
        {
            return Authenticated(license.Org ?? settings.DeploymentOrg, client.Value, CallerAuthentication.LicenseKey);
        }

        if (settings.Mode == DeploymentMode.CommunitySaas && minuteLimit.TryAcquire(client.Value.Value) is { Allowed: false } refused)
        {
            return new AuthenticationOutcome.Rejected(
                StatusCodes.Status429TooManyRequests, AuthMessages.CredentialRateLimited, ErrorReasons.RateLimited, refused.RetryAfterSeconds);
        }

        var stored = await apiKeys.LookupAsync(client.Value, cancellationToken);
        if (!hasSecret)
        {
            // Community mode: an unregistered client id is a label; a registered one must prove itself.
            return stored.Count == 0
                ? Authenticated(settings.DeploymentOrg, client.Value, CallerAuthentication.Unverified)
                : Invalid();
        }

        if (settings.Mode == DeploymentMode.Community && stored.Count == 0)
        {
            return Authenticated(settings.DeploymentOrg, client.Value, CallerAuthentication.Unverified);
        }

        var match = Verify(credentials!.Secret, stored);
        if (match is null)
        {
            return stored.Count == 0 && await WasDeletedAsync(client.Value, cancellationToken)
                ? new AuthenticationOutcome.Rejected(StatusCodes.Status401Unauthorized, AuthMessages.TenantDeleted, ErrorReasons.TenantDeleted)
                : Invalid();
        }

        if (match.NeedsTouchAt(timeProvider.GetUtcNow()))
        {
            await apiKeys.TouchAsync(match.KeyId, cancellationToken);
        }

        return Authenticated(match.Org, match.Client, CallerAuthentication.Credential);
    }

    private StoredCredential? Verify(string secret, IReadOnlyList<StoredCredential> stored)
    {
        var now = timeProvider.GetUtcNow();
        StoredCredential? match = null;
        var compared = 0;
        foreach (var candidate in stored)
        {
            // Every row is hashed, usable or not, so revoked and expired credentials cost the same as live ones.
            var matches = hasher.Matches(secret, candidate.SecretHash);
            compared++;
            if (matches && candidate.IsUsableAt(now))
            {
                match ??= candidate;
            }
        }

        if (compared == 0)
        {
            _ = hasher.Matches(secret, DecoyHash);
        }

        return match;
    }

    /// <summary>Only Community SaaS tenant ids can have been erased; anything else never reaches the ledger.</summary>
    private async Task<bool> WasDeletedAsync(ClientId client, CancellationToken cancellationToken) =>
        settings.Mode == DeploymentMode.CommunitySaas
        && CommunitySaasTenantId.IsValid(client.Value)
        && await deletedTenants.WasDeletedAsync(digests.ErasedSubject(client.Value), cancellationToken);

    private AuthenticationOutcome.Rejected Invalid() => new(
        StatusCodes.Status401Unauthorized,
        settings.Mode == DeploymentMode.CommunitySaas ? AuthMessages.InvalidOrExpiredRegistration : AuthMessages.InvalidCredentials,
        ErrorReasons.InvalidCredentials);

    private AuthenticationOutcome.Authenticated Authenticated(OrgId org, ClientId client, CallerAuthentication how) =>
        new(new CallerIdentity(org, client, settings.Mode, how));

    /// <summary>
    /// Basic auth first; then the header pair older SDKs send (<c>X-Client-Secret</c> with <c>X-Client-ID</c>, or its
    /// deprecated alias <c>X-Tenant-ID</c>). A malformed Authorization header is a refusal, never a fallback to the headers.
    /// </summary>
    private static bool TryReadCredentials(
        HttpRequest request,
        out string? label,
        out BasicCredentials? credentials,
        [NotNullWhen(false)] out AuthenticationOutcome.Rejected? malformed)
    {
        label = FirstValue(request, "X-Client-ID") ?? FirstValue(request, "X-Tenant-ID");
        credentials = null;
        malformed = null;
        switch (BasicCredentials.Parse(request.Headers.Authorization.ToString()))
        {
            case BasicCredentialsParse.Malformed bad:
                malformed = new AuthenticationOutcome.Rejected(
                    StatusCodes.Status401Unauthorized, $"Malformed Authorization header: {bad.Reason}", ErrorReasons.InvalidCredentials);
                return false;
            case BasicCredentialsParse.Present present:
                credentials = present.Credentials;
                return true;
            default:
                var secret = FirstValue(request, "X-Client-Secret");
                if (secret is not null && label is not null)
                {
                    credentials = new BasicCredentials(label, secret);
                }

                return true;
        }
    }

    private static string? FirstValue(HttpRequest request, string header) =>
        request.Headers.TryGetValue(header, out var values) && values.ToString().Trim() is { Length: > 0 } value ? value : null;
}
