using System.Collections.Frozen;
using AxonFlow.Core.Policies.Dynamic;
using AxonFlow.Core.Policies.Matching;

namespace AxonFlow.Core.Policies.Evaluation;

/// <summary>
/// The compiled, immutable state of one policy set and the scan over it. Nothing here is written after construction, and
/// every per-call value lives on the stack or in the returned evaluation, so concurrent calls need no locking.
/// </summary>
internal sealed class PolicyEngine(
    CompiledStaticPolicy[] inputStatic,
    CompiledStaticPolicy[] outputStatic,
    CompiledDynamicPolicy[] inputDynamic,
    CompiledDynamicPolicy[] outputDynamic,
    FrozenDictionary<string, string> masks,
    FrozenDictionary<string, string> blockMessages)
{
    public PolicyEvaluation EvaluateInput(PolicyInput input) =>
        Evaluate(input.Query, input, response: null, inputStatic, inputDynamic, ConditionField.Query, output: false);

    public PolicyEvaluation EvaluateOutput(string response, PolicyInput input) =>
        Evaluate(response, input, response, outputStatic, outputDynamic, ConditionField.Response, output: true);

    private PolicyEvaluation Evaluate(
        string text,
        PolicyInput input,
        string? response,
        CompiledStaticPolicy[] statics,
        CompiledDynamicPolicy[] dynamics,
        ConditionField scannedField,
        bool output)
    {
        var hits = new HitCollector();
        var span = text.AsSpan();
        var profile = TextProfile.Of(span);
        foreach (var policy in statics)
        {
            policy.Scan(span, profile, output ? policy.OutputAction : policy.Definition.Action, ref hits);
        }

        var risk = hits.Count == 0 ? 0 : RiskScore.FromHits(hits.Hits);

        // Higher-priority policies run first and see the risk earlier modify_risk actions produced.
        foreach (var policy in dynamics)
        {
            if (policy.Matches(new EvaluationSubject(input, response, risk)))
            {
                policy.AddHits(text, scannedField, ref hits);
                risk = RiskScore.Clamp(risk + policy.RiskDelta);
            }
        }

        if (hits.Count == 0 && risk <= 0)
        {
            return PolicyEvaluation.Clean;
        }

        hits.SortByPosition();
        var all = hits.Hits;
        var blocked = false;
        foreach (var hit in all)
        {
            if (hit.Action is PolicyAction.Block or PolicyAction.RequireApproval)
            {
                blocked = true;
                break;
            }
        }

        var redacted = Redactor.Redact(text, all, masks);
        var decision = blocked ? PolicyDecision.Blocked : redacted is null ? PolicyDecision.Allowed : PolicyDecision.Redacted;
        var reason = blocked ? BlockReasonBuilder.Build(all, blockMessages) : null;
        return new PolicyEvaluation(decision, all, reason, redacted, risk);
    }
}
