namespace AxonFlow.Server.Admin;

/// <summary><c>POST /api/v1/admin/organizations</c>.</summary>
internal sealed record CreateOrganizationBody(string? OrgId, string? Name, string? Tier);

/// <summary><c>POST /api/v1/admin/organizations/{org_id}/credentials</c>; every field is optional.</summary>
internal sealed record IssueCredentialBody(string? ClientId, string? Label, DateTimeOffset? ExpiresAt);

/// <summary><c>POST …/credentials/{client_id}/rotate</c>; without a grace period the old secrets stop at once.</summary>
internal sealed record RotateCredentialBody(int? GraceSeconds);
