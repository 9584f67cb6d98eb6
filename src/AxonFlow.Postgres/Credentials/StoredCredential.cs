using AxonFlow.Core.Identity;

namespace AxonFlow.Postgres.Credentials;

/// <summary>A credential as the auth-bootstrap lookup returns it: enough to verify a secret, nothing to reveal one.</summary>
public sealed record StoredCredential(Guid KeyId, OrgId Org, ClientId Client, byte[] SecretHash, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt = null)
{
    /// <summary>last_used_at is kept to the minute; a fresher stamp needs no write.</summary>
    public bool NeedsTouchAt(DateTimeOffset now) => LastUsedAt is null || now - LastUsedAt > TimeSpan.FromMinutes(1);

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>A newly issued credential. The secret exists only here: it is shown once and stored as a keyed hash.</summary>
public sealed record IssuedCredential(Guid KeyId, OrgId Org, ClientId Client, string Secret, string SecretPrefix, DateTimeOffset? ExpiresAt)
{
    public override string ToString() => $"IssuedCredential {{ KeyId = {KeyId}, Org = {Org}, Client = {Client}, SecretPrefix = {SecretPrefix} }}";
}
