using AxonFlow.Core.Credentials;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;

namespace AxonFlow.Server.Licensing;

/// <summary>
/// What the deployment is licensed for, for the rest of the process: tier, expiry, node limit and features. Without
/// a license these are the community defaults (tier <c>community</c>, no expiry, no node limit, no licensed features).
/// </summary>
public sealed class DeploymentLicenseContext
{
    private readonly CredentialHasher? _hasher;
    private readonly byte[]? _keyHash;
    private readonly HashSet<string> _features;

    private DeploymentLicenseContext(DeploymentLicense? license, CredentialHasher? hasher)
    {
        if (license is null)
        {
            Tier = LicenseTiers.CommunityName;
            _features = new HashSet<string>(StringComparer.Ordinal);
            return;
        }

        var payload = license.Payload;
        IsLicensed = true;
        Tier = payload.Tier.ToWireName();
        Org = payload.LicensedOrg;
        ExpiresAt = payload.ExpiresAt;
        GraceEndsAt = license.GraceEndsAt;
        MaxNodes = payload.MaxNodes ?? payload.Tier.DefaultMaxNodes();
        Audience = payload.EffectiveAudience.Value;
        _features = new HashSet<string>(payload.Tier.DefaultFeatures().Concat(payload.Features), StringComparer.Ordinal);
        _hasher = hasher;
        _keyHash = hasher?.Hash(license.Token);
    }

    public static DeploymentLicenseContext Community { get; } = new(null, null);

    public bool IsLicensed { get; }

    /// <summary>The tier's wire name: <c>community</c> without a license, otherwise e.g. <c>enterprise</c>.</summary>
    public string Tier { get; }

    /// <summary>The licensed organization (the deployment org); null without a license.</summary>
    public OrgId? Org { get; }

    public DateTimeOffset? ExpiresAt { get; }

    /// <summary><see cref="ExpiresAt"/> plus the deployment grace: a restart after this moment is refused.</summary>
    public DateTimeOffset? GraceEndsAt { get; }

    /// <summary>Live nodes the license allows (<c>max_nodes</c>, else the tier default); null means no limit (community).</summary>
    public int? MaxNodes { get; }

    public string? Audience { get; }

    public IReadOnlyCollection<string> Features => _features;

    public static DeploymentLicenseContext From(DeploymentLicense? license, CredentialHasher hasher) =>
        license is null ? Community : new DeploymentLicenseContext(license, hasher);

    /// <summary>A feature the tier unlocks by default or the license lists in <c>features</c>.</summary>
    public bool HasFeature(string feature) => _features.Contains(feature);

    /// <summary>Past <c>expires_at</c> (the deployment keeps running; it was validated at start-up, inside its grace).</summary>
    public bool IsInGraceAt(DateTimeOffset now) => ExpiresAt is { } expiresAt && now > expiresAt;

    /// <summary>
    /// Whether a Basic-auth secret is the deployment license key (seed 003: enterprise callers may authenticate with it).
    /// Compares keyed hashes in constant time, so neither the key's length nor a prefix match shows in the timing.
    /// </summary>
    public bool MatchesLicenseKey(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return _hasher is not null && _keyHash is not null && _hasher.Matches(secret, _keyHash);
    }

    public override string ToString() => $"DeploymentLicenseContext {{ Tier = {Tier}, Org = {Org}, MaxNodes = {MaxNodes} }}";
}
