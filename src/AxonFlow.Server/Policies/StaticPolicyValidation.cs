using AxonFlow.Core.Policies;

namespace AxonFlow.Server.Policies;

/// <summary>What an org may write as a static policy; each refusal names the field.</summary>
internal static class StaticPolicyValidation
{
    public static readonly HashSet<string> Categories = new(StringComparer.Ordinal)
    {
        "security-sqli", "security-admin", "pii-global", "pii-us", "pii-eu", "pii-india", "code-secrets", "code-unsafe", "code-compliance", "sensitive-data",
    };

    public static string? Validate(StaticPolicyBody body, bool create)
    {
        if (create)
        {
            foreach (var (field, value) in new[] { ("name", body.Name), ("category", body.Category), ("pattern", body.Pattern) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    return $"{field} is required";
                }
            }
        }

        return body switch
        {
            { Name.Length: > 255 } => "name must be at most 255 characters",
            { Category: { } category } when !Categories.Contains(category) => $"Invalid policy category '{category}' (valid: {string.Join(", ", Categories.Order(StringComparer.Ordinal))})",
            { Pattern: { } pattern } when OrgPatternValidator.Validate(pattern) is { } error => $"Invalid regex pattern: {error}",
            { Severity: { } severity } when !PolicyWireNames.TryParse(severity, out PolicySeverity _) => $"severity must be one of {PolicyWireNames.AllowedSeverities}, but was '{severity}'",
            { Action: { } action } when !PolicyWireNames.TryParse(action, out PolicyAction _) => $"action must be one of {PolicyWireNames.AllowedActions}, but was '{action}'",
            { Tier: { } tier } when tier is not ("tenant" or "organization") => tier == "system" ? "Cannot create system-tier policies via API" : $"tier must be tenant or organization, but was '{tier}'",
            { Priority: < 0 or > 1000 } => "priority must be between 0 and 1000",
            { PolicyId: { } id } when !IsValidId(id) => "policy_id must be 1-100 characters of letters, digits, '_' or '-'",
            { PolicyId: { } id } when SystemPolicies.IsSystemPolicy(id) || id.StartsWith("sys_", StringComparison.Ordinal) => "policy_id must not use the reserved sys_ prefix",
            _ => null,
        };
    }

    public static bool IsValidId(string id) => id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
