using AxonFlow.Core.Identity;

namespace AxonFlow.Postgres.Credentials;

/// <summary>
/// One client credential of an org as listings show it: never a secret, only the non-secret prefix of the newest one.
/// A credential is all the secrets of one client id; rotation adds one, revocation ends them all.
/// </summary>
public sealed record CredentialSummary(
    ClientId Client,
    string Label,
    string SecretPrefix,
    string Status,
    int ActiveSecrets,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RotatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);

/// <summary>The <see cref="CredentialSummary.Status"/> values.</summary>
public static class CredentialStatuses
{
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
}
