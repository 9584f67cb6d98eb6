using System.Collections.Frozen;

namespace AxonFlow.Core.Policies.Catalog;

/// <summary>All built-in policies, built once per process; every <see cref="PolicySet"/> shares their compiled regexes.</summary>
internal static class SystemPolicyCatalog
{
    public static IReadOnlyList<SystemPolicyEntry> Entries { get; } =
        [.. SqlInjectionPolicies.Create(), .. PiiPolicies.Create(), .. SecretPolicies.Create()];

    public static FrozenDictionary<string, SystemPolicyEntry> ById { get; } =
        Entries.ToFrozenDictionary(static entry => entry.Definition.PolicyId, StringComparer.Ordinal);
}
