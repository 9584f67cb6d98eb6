using System.Text.Json;
using AxonFlow.Core.Policies;

namespace AxonFlow.Core.Tests.Policies;

internal static class Build
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<PolicySet> SystemOnlySet = new(() => Compile().PolicySet);

    /// <summary>Only the system policies; compiled once because tests never mutate a set.</summary>
    public static PolicySet SystemOnly => SystemOnlySet.Value;

    public static PolicySetCompilation Compile(
        IEnumerable<StaticPolicyDefinition>? statics = null,
        IEnumerable<DynamicPolicyDefinition>? dynamics = null,
        IEnumerable<PolicyOverride>? overrides = null,
        DateTimeOffset? now = null) =>
        PolicySet.Compile(statics ?? [], dynamics ?? [], overrides ?? [], now ?? Now);

    public static PolicySet WithStatic(params StaticPolicyDefinition[] statics) => Compile(statics).PolicySet;

    public static PolicySet WithDynamic(params DynamicPolicyDefinition[] dynamics) => Compile(dynamics: dynamics).PolicySet;

    public static PolicySet WithOverrides(params PolicyOverride[] overrides) => Compile(overrides: overrides).PolicySet;

    public static StaticPolicyDefinition OrgStatic(
        string id,
        string pattern,
        PolicyAction action = PolicyAction.Block,
        string category = PolicyCategories.SensitiveData,
        bool enabled = true) =>
        new(id, $"Org rule {id}", category, pattern, PolicySeverity.High, action, enabled, PolicyTier.Organization, 50, "test rule");

    public static DynamicPolicyDefinition Dynamic(string id, PolicyCondition[] conditions, params DynamicPolicyAction[] actions) =>
        new(id, $"Dynamic {id}", conditions, actions.Length == 0 ? [Action("block")] : actions, 100, Enabled: true);

    public static PolicyCondition When(string field, string op, object value) => new(field, op, JsonSerializer.SerializeToElement(value));

    public static PolicyCondition WhenList(string field, string op, params string[] values) => When(field, op, values);

    public static DynamicPolicyAction Action(string type, object? parameters = null) =>
        new(type, parameters is null ? null : JsonSerializer.SerializeToElement(parameters));

    public static PolicyOverride Override(string policyId, PolicyAction? action = null, bool? enabled = null, DateTimeOffset? expiresAt = null) =>
        new(policyId, action, enabled, "test override", expiresAt, "tester@example.com");

    public static PolicyInput Input(
        string query,
        string requestType = "chat",
        IReadOnlyDictionary<string, string>? user = null,
        IReadOnlyDictionary<string, string>? client = null,
        IReadOnlyDictionary<string, string>? context = null,
        double? cost = null) =>
        new(query, requestType, user ?? Empty, client ?? Empty, context ?? Empty, cost);

    public static PolicyEvaluation Scan(string query) => SystemOnly.EvaluateInput(PolicyInput.ForQuery(query));

    public static IReadOnlyList<PolicyHit> HitsOf(this PolicyEvaluation evaluation, string policyId) =>
        [.. evaluation.Hits.Where(h => h.PolicyId == policyId)];

    private static readonly Dictionary<string, string> Empty = [];
}
