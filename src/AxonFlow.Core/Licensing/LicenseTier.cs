namespace AxonFlow.Core.Licensing;

/// <summary>What a license entitles: self-hosted tiers gate features and the node limit; SaaS tiers raise the Community SaaS quotas.</summary>
public enum LicenseTier
{
    Evaluation,
    Professional,
    Enterprise,
    Plus,
    Pro,
    Premium,
}

/// <summary>Wire names and per-tier defaults. A payload's own <c>max_nodes</c> and <c>features</c> take precedence.</summary>
public static class LicenseTiers
{
    /// <summary>The tier reported when no deployment license is configured.</summary>
    public const string CommunityName = "community";

    public const string AllowedNames = "evaluation, professional, enterprise, plus, pro, premium";

    private static readonly string[] ProfessionalFeatures =
        [LicenseFeatures.OrgPolicies, LicenseFeatures.PolicyOverrides, LicenseFeatures.CustomerPortal];

    private static readonly string[] EnterpriseFeatures =
    [
        .. ProfessionalFeatures, LicenseFeatures.Sso, LicenseFeatures.Scim, LicenseFeatures.NodeMonitor, LicenseFeatures.MarketplaceMetering,
    ];

    /// <summary>Case-insensitive: older issuers wrote <c>Enterprise</c>.</summary>
    public static bool TryParse(string? value, out LicenseTier tier)
    {
        switch (value?.ToUpperInvariant())
        {
            case "EVALUATION":
                tier = LicenseTier.Evaluation;
                return true;
            case "PROFESSIONAL":
                tier = LicenseTier.Professional;
                return true;
            case "ENTERPRISE":
                tier = LicenseTier.Enterprise;
                return true;
            case "PLUS":
                tier = LicenseTier.Plus;
                return true;
            case "PRO":
                tier = LicenseTier.Pro;
                return true;
            case "PREMIUM":
                tier = LicenseTier.Premium;
                return true;
            default:
                tier = default;
                return false;
        }
    }

    public static string ToWireName(this LicenseTier tier) => tier switch
    {
        LicenseTier.Evaluation => "evaluation",
        LicenseTier.Professional => "professional",
        LicenseTier.Enterprise => "enterprise",
        LicenseTier.Plus => "plus",
        LicenseTier.Pro => "pro",
        LicenseTier.Premium => "premium",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    /// <summary>The node limit when the payload has no <c>max_nodes</c>; null for SaaS tiers, which do not license nodes.</summary>
    public static int? DefaultMaxNodes(this LicenseTier tier) => tier switch
    {
        LicenseTier.Evaluation => 2,
        LicenseTier.Professional => 10,
        LicenseTier.Enterprise => 50,
        LicenseTier.Plus => 9999,
        _ => null,
    };

    /// <summary>The features a tier unlocks on its own; a payload can add more with <c>features</c>.</summary>
    public static IReadOnlyList<string> DefaultFeatures(this LicenseTier tier) => tier switch
    {
        LicenseTier.Professional => ProfessionalFeatures,
        LicenseTier.Evaluation or LicenseTier.Enterprise or LicenseTier.Plus => EnterpriseFeatures,
        _ => [],
    };
}
