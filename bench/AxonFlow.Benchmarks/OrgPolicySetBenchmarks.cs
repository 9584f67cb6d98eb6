using System.Text.Json;
using AxonFlow.Core.Policies;
using BenchmarkDotNet.Attributes;

namespace AxonFlow.Benchmarks;

/// <summary>A typical organization on top of the system set: five regex policies (linear engine) and five dynamic policies.</summary>
[MemoryDiagnoser]
public class OrgPolicySetBenchmarks
{
    private static readonly string[] CompensationWords = ["salary", "bonus"];

    private PolicySet _org = null!;
    private PolicySet _orgStaticOnly = null!;
    private PolicySet _orgDynamicOnly = null!;
    private PolicyInput _benign1K = null!;

    [GlobalSetup]
    public void Setup()
    {
        StaticPolicyDefinition Static(string id, string pattern, PolicyAction action) =>
            new(id, id, PolicyCategories.SensitiveData, pattern, PolicySeverity.High, action, true, PolicyTier.Organization, 50, id);
        PolicyCondition When(string field, string op, object value) => new(field, op, JsonSerializer.SerializeToElement(value));
        DynamicPolicyDefinition Dynamic(string id, string action, params PolicyCondition[] conditions) =>
            new(id, id, conditions, [new DynamicPolicyAction(action, null)], 100, true);

        StaticPolicyDefinition[] statics =
            [
                Static("org_codenames", "(?i)project\\s+(falcon|osprey|kestrel)", PolicyAction.Block),
                Static("org_tickets", "\\bACME-\\d{4,}\\b", PolicyAction.Redact),
                Static("org_confidential", "(?i)\\bconfidential\\b", PolicyAction.Warn),
                Static("org_internal", "(?i)\\binternal only\\b", PolicyAction.Block),
                Static("org_case_ids", "\\b[A-Z]{3}-\\d{6}\\b", PolicyAction.Log),
            ];
        DynamicPolicyDefinition[] dynamics =
            [
                Dynamic("dyn_comp", "redact", When("query", "contains_any", CompensationWords)),
                Dynamic("dyn_risk", "block", When("risk_score", "greater_than", 0.8)),
                Dynamic("dyn_export", "warn", When("user.role", "not_equals", "admin"), When("query", "contains", "export of all")),
                Dynamic("dyn_prod_ddl", "block", When("context.environment", "equals", "production"), When("query", "regex", "(?i)\\bdrop\\s+table\\b")),
                Dynamic("dyn_cost", "warn", When("cost_estimate", "greater_than", 100)),
            ];
        var compilation = PolicySet.Compile(statics, dynamics, [], DateTimeOffset.UnixEpoch);
        if (!compilation.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", compilation.Errors));
        }

        _org = compilation.PolicySet;
        _orgStaticOnly = PolicySet.Compile(statics, [], [], DateTimeOffset.UnixEpoch).PolicySet;
        _orgDynamicOnly = PolicySet.Compile([], dynamics, [], DateTimeOffset.UnixEpoch).PolicySet;
        _benign1K = new PolicyInput(
            Prompts.Benign(1024),
            "chat",
            new Dictionary<string, string> { ["role"] = "analyst" },
            new Dictionary<string, string> { ["id"] = "bench-app" },
            new Dictionary<string, string> { ["environment"] = "production" },
            0.02);
        if (_org.EvaluateInput(_benign1K).Hits.Count != 0)
        {
            throw new InvalidOperationException("benign prompt produced hits");
        }
    }

    [Benchmark]
    public PolicyEvaluation InputBenign1KBWithOrgPolicies() => _org.EvaluateInput(_benign1K);

    [Benchmark]
    public PolicyEvaluation InputBenign1KBWithOrgStaticOnly() => _orgStaticOnly.EvaluateInput(_benign1K);

    [Benchmark]
    public PolicyEvaluation InputBenign1KBWithOrgDynamicOnly() => _orgDynamicOnly.EvaluateInput(_benign1K);
}
