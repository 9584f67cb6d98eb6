using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;

namespace AxonFlow.Postgres.Portal;

/// <summary>A session as the cookie lookup returns it, with the user facts authorisation needs on every request.</summary>
public sealed record StoredSession(
    Guid SessionId,
    OrgId Org,
    Guid UserId,
    string Email,
    PortalRole Role,
    bool UserActive,
    bool OrgActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>When the session lapses for want of use: the last request plus the idle timeout, capped by the absolute expiry.</summary>
    public DateTimeOffset IdleExpiresAt(TimeSpan idleTimeout) => LastSeenAt + idleTimeout < ExpiresAt ? LastSeenAt + idleTimeout : ExpiresAt;
}

/// <summary>A session just started. The token exists only here: it goes into the cookie and is stored as a keyed hash.</summary>
public sealed record StartedSession(Guid SessionId, string Token, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"StartedSession {{ SessionId = {SessionId}, ExpiresAt = {ExpiresAt} }}";
}
