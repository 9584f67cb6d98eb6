using AxonFlow.Core.Policies.Catalog;

namespace AxonFlow.Core.Policies;

/// <summary>
/// The global, read-only system policies (SQL injection, PII, secrets) that every organization's policy set contains.
/// Authentication bypass, time-based blind and stacked SQL injection, government ids and financial identifiers cannot be
/// overridden: the API answers 403 and the compiler ignores any such override.
/// </summary>
public static class SystemPolicies
{
    public static IReadOnlyList<StaticPolicyDefinition> All { get; } = [.. SystemPolicyCatalog.Entries.Select(static e => e.Definition)];

    public static bool IsSystemPolicy(string policyId) => SystemPolicyCatalog.ById.ContainsKey(policyId);

    /// <summary>False for critical system policies; true for other system policies and for any non-system id (org policies are the org's own).</summary>
    public static bool IsOverridable(string policyId) =>
        !SystemPolicyCatalog.ById.TryGetValue(policyId, out var entry) || entry.Overridable;
}
