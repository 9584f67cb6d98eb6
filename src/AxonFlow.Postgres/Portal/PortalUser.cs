using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;

namespace AxonFlow.Postgres.Portal;

/// <summary>A portal user as stored; the password hash never leaves the store, only whether one is set.</summary>
public sealed record PortalUser(
    Guid Id,
    OrgId Org,
    string Email,
    string DisplayName,
    string? GivenName,
    string? FamilyName,
    PortalRole Role,
    bool Active,
    string? ExternalId,
    string Source,
    bool HasPassword,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastLoginAt);
