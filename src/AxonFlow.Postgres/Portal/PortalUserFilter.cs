namespace AxonFlow.Postgres.Portal;

/// <summary>Which of an org's portal users to list; every set field must match (email case-insensitively).</summary>
public sealed record PortalUserFilter(string? Email = null, string? ExternalId = null, Guid? Id = null, bool? Active = null);
