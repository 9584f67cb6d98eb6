namespace AxonFlow.Core.Policies;

/// <summary>The closed set of static-policy categories; the API rejects any other.</summary>
public static class PolicyCategories
{
    public const string SecuritySqli = "security-sqli";
    public const string SecurityAdmin = "security-admin";
    public const string PiiGlobal = "pii-global";
    public const string PiiUs = "pii-us";
    public const string PiiEu = "pii-eu";
    public const string PiiIndia = "pii-india";
    public const string CodeSecrets = "code-secrets";
    public const string CodeUnsafe = "code-unsafe";
    public const string CodeCompliance = "code-compliance";
    public const string SensitiveData = "sensitive-data";

    public static IReadOnlyList<string> All { get; } =
    [
        SecuritySqli, SecurityAdmin, PiiGlobal, PiiUs, PiiEu, PiiIndia, CodeSecrets, CodeUnsafe, CodeCompliance, SensitiveData,
    ];

    public static bool IsKnown(string? category) => category is not null && All.Contains(category, StringComparer.Ordinal);

    public static bool IsPii(string category) => category.StartsWith("pii-", StringComparison.Ordinal);

    /// <summary>
    /// Whether the category describes data that must not leave in an answer. Injection and admin-access categories describe
    /// attacks on us, which an LLM answer cannot be, so the output scan skips them.
    /// </summary>
    public static bool AppliesToOutput(string category) =>
        category is not (SecuritySqli or SecurityAdmin or CodeUnsafe);
}
