using AxonFlow.Core.Identity;

namespace AxonFlow.Postgres.Organizations;

/// <summary>An <c>organizations</c> row: the org's own record (name, tier, status), visible inside its own scope.</summary>
public sealed record Organization(
    OrgId Org,
    string Name,
    string Tier,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SuspendedAt);
