namespace AxonFlow.Core.Licensing;

/// <summary>Names of the features a deployment license can unlock (its tier's defaults plus the payload's <c>features</c>).</summary>
public static class LicenseFeatures
{
    public const string OrgPolicies = "org_policies";
    public const string PolicyOverrides = "policy_overrides";
    public const string CustomerPortal = "customer_portal";
    public const string Sso = "sso";
    public const string Scim = "scim";
    public const string NodeMonitor = "node_monitor";
    public const string MarketplaceMetering = "marketplace_metering";

    public const int MaxCount = 64;

    public const int MaxLength = 64;

    /// <summary>1-64 characters of lower-case letters, digits, '_', '.', ':' or '-'.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.' or ':' or '-');
}
