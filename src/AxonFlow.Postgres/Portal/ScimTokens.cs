using AxonFlow.Core.Identity;

namespace AxonFlow.Postgres.Portal;

/// <summary>A SCIM token as the portal lists it: never the token, only its prefix.</summary>
public sealed record ScimTokenInfo(Guid Id, string Prefix, string Label, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);

/// <summary>A token just minted. The token exists only here: it is shown once and stored as a keyed hash.</summary>
public sealed record IssuedScimToken(Guid Id, string Token, string Prefix, string Label, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    public override string ToString() => $"IssuedScimToken {{ Id = {Id}, Prefix = {Prefix} }}";
}

/// <summary>What the bearer lookup returns for a token hash.</summary>
public sealed record StoredScimToken(Guid Id, OrgId Org, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, bool OrgActive)
{
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now) && OrgActive;

    /// <summary>last_used_at is kept to the minute; a fresher stamp needs no write.</summary>
    public bool NeedsTouchAt(DateTimeOffset now) => LastUsedAt is null || now - LastUsedAt > TimeSpan.FromMinutes(1);
}
