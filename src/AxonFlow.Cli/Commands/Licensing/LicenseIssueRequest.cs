using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;

namespace AxonFlow.Cli.Commands.Licensing;

/// <summary>The validated arguments of <c>license issue</c>.</summary>
internal sealed record LicenseIssueRequest(
    string KeyDirectory,
    LicenseTier Tier,
    LicenseAudience Audience,
    OrgId? DeploymentId,
    OrgId? OrgId,
    DateOnly Expires,
    DateOnly? NotBefore,
    int? MaxNodes,
    ClientId? Client,
    IReadOnlyList<string> Features)
{
    public LicensePayload ToPayload(string kid, DateTimeOffset now) => new()
    {
        // Only --org-id: a v2 payload, for deployments that still read org_id; otherwise v3 with deployment_id.
        Version = DeploymentId is null && OrgId is not null ? 2 : 3,
        Jti = "lic_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)),
        Kid = kid,
        Tier = Tier,
        Audience = Audience,
        DeploymentId = DeploymentId,
        LegacyOrgId = OrgId,
        TenantId = Client,
        IssuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()),
        NotBefore = NotBefore is { } notBefore ? new DateTimeOffset(notBefore.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
        ExpiresAt = LicenseDates.EndOfDay(Expires),
        MaxNodes = MaxNodes,
        Features = Features,
    };
}
