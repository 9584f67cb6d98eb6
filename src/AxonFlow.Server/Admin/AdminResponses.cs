using AxonFlow.Postgres.Credentials;
using AxonFlow.Postgres.Organizations;
using AxonFlow.Postgres.Usage;

namespace AxonFlow.Server.Admin;

internal sealed record OrganizationView(
    string OrgId,
    string Name,
    string Tier,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SuspendedAt,
    int? ActiveCredentials = null)
{
    public static OrganizationView From(Organization organization, int? activeCredentials = null) => new(
        organization.Org.Value,
        organization.Name,
        organization.Tier,
        organization.Status,
        organization.CreatedAt,
        organization.UpdatedAt,
        organization.SuspendedAt,
        activeCredentials);
}

internal sealed record OrganizationPage(int Page, int PageSize, long TotalItems, long TotalPages);

internal sealed record OrganizationListResponse(IReadOnlyList<OrganizationView> Organizations, OrganizationPage Pagination);

/// <summary>A credential in a listing: never its secret, only the prefix of the newest one.</summary>
internal sealed record CredentialView(
    string ClientId,
    string Label,
    string SecretPrefix,
    string Status,
    int ActiveSecrets,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RotatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public static CredentialView From(CredentialSummary summary) => new(
        summary.Client.Value,
        summary.Label,
        summary.SecretPrefix,
        summary.Status,
        summary.ActiveSecrets,
        summary.CreatedAt,
        summary.RotatedAt,
        summary.ExpiresAt,
        summary.LastUsedAt,
        summary.RevokedAt);
}

internal sealed record CredentialListResponse(string OrgId, IReadOnlyList<CredentialView> Credentials);

/// <summary>The only answer that ever carries a secret; it is not stored anywhere and cannot be shown again.</summary>
internal sealed record IssuedCredentialResponse(
    string OrgId,
    string ClientId,
    string ClientSecret,
    string SecretPrefix,
    string Label,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? PreviousSecretsValidUntil,
    string Notice)
{
    public const string ShownOnce = "Store client_secret now: it is shown only once and cannot be retrieved again.";

    public static IssuedCredentialResponse From(IssuedCredential credential, string label, DateTimeOffset? previousValidUntil = null) => new(
        credential.Org.Value,
        credential.Client.Value,
        credential.Secret,
        credential.SecretPrefix,
        label,
        credential.ExpiresAt,
        previousValidUntil,
        ShownOnce);

    public override string ToString() => $"IssuedCredentialResponse {{ OrgId = {OrgId}, ClientId = {ClientId}, SecretPrefix = {SecretPrefix} }}";
}

internal sealed record RevokedCredentialResponse(string OrgId, string ClientId, string Status, int SecretsRevoked, DateTimeOffset RevokedAt);

internal sealed record UsageCountsView(long Requests, long Blocked, long Tokens, decimal CostUsd)
{
    public static UsageCountsView From(UsageCounts counts) => new(counts.Requests, counts.Blocked, counts.Tokens, counts.CostUsd);
}

internal sealed record UsageDayView(DateOnly Date, long Requests, long Blocked, long Tokens, decimal CostUsd);

internal sealed record UsageClientView(string ClientId, long Requests, long Blocked, long Tokens, decimal CostUsd);

internal sealed record UsageResponse(string OrgId, DateOnly From, DateOnly To, UsageCountsView Totals, IReadOnlyList<UsageDayView> Days, IReadOnlyList<UsageClientView> Clients)
{
    public static UsageResponse Create(string orgId, UsageReport report) => new(
        orgId,
        report.From,
        report.To,
        UsageCountsView.From(report.Totals),
        [.. report.Days.Select(d => new UsageDayView(d.Day, d.Counts.Requests, d.Counts.Blocked, d.Counts.Tokens, d.Counts.CostUsd))],
        [.. report.Clients.Select(c => new UsageClientView(c.ClientId, c.Counts.Requests, c.Counts.Blocked, c.Counts.Tokens, c.Counts.CostUsd))]);
}

internal sealed record RlsTableView(string Table, bool Enabled, bool Forced, int Policies, bool Protected);

internal sealed record RlsRoleView(string Role, bool BypassesRls, bool Enforced, IReadOnlyList<RlsTableView> Tables, IReadOnlyList<string> UnprotectedTables);

internal sealed record PlatformAdminRoleView(string Role, bool BypassesRls);

/// <summary><c>status</c> is <c>enforced</c> only when request traffic is filtered by RLS on every org table.</summary>
internal sealed record RlsDiagnosticsResponse(string Status, RlsRoleView AppRole, PlatformAdminRoleView PlatformAdmin);
