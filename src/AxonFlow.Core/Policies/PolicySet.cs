using AxonFlow.Core.Policies.Evaluation;

namespace AxonFlow.Core.Policies;

/// <summary>
/// One organization's compiled policies: the system policies plus its own static and dynamic policies, with its overrides
/// applied. Immutable once compiled and safe for any number of concurrent evaluations; a change compiles a new set, which the
/// caller swaps in atomically. Two sets never share mutable state, so one organization's policies cannot affect another's.
/// </summary>
public sealed class PolicySet
{
    private readonly PolicyEngine _engine;

    internal PolicySet(
        PolicyEngine engine,
        IReadOnlyList<StaticPolicyDefinition> effectiveStaticPolicies,
        IReadOnlyList<DynamicPolicyDefinition> dynamicPolicies,
        int count)
    {
        _engine = engine;
        EffectiveStaticPolicies = effectiveStaticPolicies;
        DynamicPolicies = dynamicPolicies;
        Count = count;
    }

    /// <summary>The number of enabled policies (static and dynamic) an evaluation runs: the wire's <c>policies_evaluated</c>.</summary>
    public int Count { get; }

    /// <summary>Every static policy, system first, with overrides applied to <c>Action</c> and <c>Enabled</c>; disabled ones included.</summary>
    public IReadOnlyList<StaticPolicyDefinition> EffectiveStaticPolicies { get; }

    /// <summary>The org's dynamic policies that compiled, highest priority first; disabled ones included.</summary>
    public IReadOnlyList<DynamicPolicyDefinition> DynamicPolicies { get; }

    /// <summary>Compiles a set. Never throws for bad org content: such policies are skipped and reported in the compilation.</summary>
    public static PolicySetCompilation Compile(
        IEnumerable<StaticPolicyDefinition> orgStatic,
        IEnumerable<DynamicPolicyDefinition> orgDynamic,
        IEnumerable<PolicyOverride> overrides,
        DateTimeOffset now) =>
        PolicySetCompiler.Compile(orgStatic, orgDynamic, overrides, now);

    /// <summary>Scans a prompt with every enabled input policy; every match of every policy is reported.</summary>
    public PolicyEvaluation EvaluateInput(PolicyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _engine.EvaluateInput(input);
    }

    /// <summary>
    /// Scans a provider's answer for data that must not leave: PII, secrets and the org's own non-injection policies. What
    /// would block a prompt redacts an answer; dynamic policies on the <c>response</c> field run here (and only here).
    /// </summary>
    public PolicyEvaluation EvaluateOutput(string response, PolicyInput context)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        return _engine.EvaluateOutput(response, context);
    }

    public PolicyEvaluation EvaluateOutput(PolicyOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return EvaluateOutput(output.Response, output.Request);
    }
}
