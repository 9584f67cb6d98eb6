using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Organizations;

namespace AxonFlow.Postgres.Credentials;

/// <summary>
/// A credential as the auth-bootstrap lookup returns it: enough to verify a secret, nothing to reveal one.
/// <c>OrgStatus</c> is the owning organization's status, null when the org has no organizations row (legacy data).
/// </summary>
public sealed record StoredCredential(
    Guid KeyId,
    OrgId Org,
    ClientId Client,
    byte[] SecretHash,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt = null,
    string? OrgStatus = null)
{
    /// <summary>last_used_at is kept to the minute; a fresher stamp needs no write.</summary>
    public bool NeedsTouchAt(DateTimeOffset now) => LastUsedAt is null || now - LastUsedAt > TimeSpan.FromMinutes(1);

    /// <summary>Not revoked, not expired, and its organization is not suspended (or deleted).</summary>
    public bool IsUsableAt(DateTimeOffset now) =>
        RevokedAt is null && (ExpiresAt is null || ExpiresAt > now) && (OrgStatus is null or OrganizationStatuses.Active);
}

/// <summary>A newly issued credential. The secret exists only here: it is shown once and stored as a keyed hash.</summary>
public sealed record IssuedCredential(Guid KeyId, OrgId Org, ClientId Client, string Secret, string SecretPrefix, DateTimeOffset? ExpiresAt)
{
    public override string ToString() => $"IssuedCredential {{ KeyId = {KeyId}, Org = {Org}, Client = {Client}, SecretPrefix = {SecretPrefix} }}";
}
