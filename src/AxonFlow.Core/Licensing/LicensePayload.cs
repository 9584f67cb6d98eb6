using AxonFlow.Core.Identity;

namespace AxonFlow.Core.Licensing;

/// <summary>
/// The claims of a license token (the payload JSON). A payload read from a token exists only after its signature
/// verified; the issuer builds one to sign.
/// </summary>
public sealed record LicensePayload
{
    /// <summary>Payload version <c>v</c>: 3 names the licensed org <c>deployment_id</c>, 2 names it <c>org_id</c> (still accepted).</summary>
    public required int Version { get; init; }

    /// <summary><c>jti</c>: the token's unique id, the key for revocation.</summary>
    public string? Jti { get; init; }

    /// <summary><c>kid</c>: which keyring entry verifies this token.</summary>
    public required string Kid { get; init; }

    public required LicenseTier Tier { get; init; }

    /// <summary><c>aud</c> as sent; null when the token carries none (or an empty one).</summary>
    public LicenseAudience? Audience { get; init; }

    /// <summary><c>deployment_id</c> (V3): the licensed organization.</summary>
    public OrgId? DeploymentId { get; init; }

    /// <summary><c>org_id</c>: the V2 name of the licensed organization, kept as an alias in V3.</summary>
    public OrgId? LegacyOrgId { get; init; }

    /// <summary><c>tenant_id</c>: the client a plugin token is bound to (seed 002 keeps the legacy field name).</summary>
    public ClientId? TenantId { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary><c>nbf</c>: not valid before.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public int? MaxNodes { get; init; }

    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>The audience the matrix uses: the claim, or <c>axonflow.self_hosted.full</c> when it is missing.</summary>
    public LicenseAudience EffectiveAudience => Audience ?? LicenseAudience.MissingFallback;

    /// <summary>The licensed organization: <c>deployment_id</c>, else the V2 <c>org_id</c>.</summary>
    public OrgId? LicensedOrg => DeploymentId ?? LegacyOrgId;

    /// <summary>The hosting-mode coordinate of the License Matrix, from <c>aud</c>.</summary>
    public LicenseHostingMode HostingMode() => EffectiveAudience.HostingMode;

    /// <summary>Whether this token may be used for a request of <paramref name="scope"/>: its own scope, or any when it is <c>full</c>.</summary>
    public bool HasScope(LicenseScope scope) => EffectiveAudience.Covers(scope);
}
