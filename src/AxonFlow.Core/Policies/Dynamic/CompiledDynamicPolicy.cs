using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using AxonFlow.Core.Policies.Matching;

namespace AxonFlow.Core.Policies.Dynamic;

/// <summary>
/// A dynamic policy ready to run. Its actions fold into one hit action (block &gt; redact &gt; warn &gt; log) plus an optional
/// risk delta, so several actions on one policy report one kind of hit per evidence span.
/// </summary>
internal sealed class CompiledDynamicPolicy
{
    public const string Category = "dynamic";

    private readonly CompiledCondition[] _conditions;
    private readonly PolicySeverity _severity;

    private CompiledDynamicPolicy(DynamicPolicyDefinition definition, CompiledCondition[] conditions, PolicyAction action, double riskDelta, string? blockMessage)
    {
        Definition = definition;
        _conditions = conditions;
        Action = action;
        RiskDelta = riskDelta;
        BlockMessage = blockMessage;
        _severity = action switch
        {
            PolicyAction.Block => PolicySeverity.High,
            PolicyAction.Redact or PolicyAction.Warn => PolicySeverity.Medium,
            _ => PolicySeverity.Low,
        };
        ReadsResponse = conditions.Any(static c => c.Field == ConditionField.Response);
    }

    public DynamicPolicyDefinition Definition { get; }

    public PolicyAction Action { get; }

    public double RiskDelta { get; }

    public string? BlockMessage { get; }

    /// <summary>A policy about the answer runs in the output scan only; every other policy runs in the input scan only.</summary>
    public bool ReadsResponse { get; }

    public string RedactionMask => $"[REDACTED:{Definition.PolicyId}]";

    public static bool TryCompile(DynamicPolicyDefinition definition, [NotNullWhen(true)] out CompiledDynamicPolicy? compiled, [NotNullWhen(false)] out string? error)
    {
        compiled = null;
        if (definition.Conditions is not { Count: > 0 })
        {
            error = "a dynamic policy needs at least one condition";
            return false;
        }

        if (definition.Actions is not { Count: > 0 })
        {
            error = "a dynamic policy needs at least one action";
            return false;
        }

        var conditions = new CompiledCondition[definition.Conditions.Count];
        for (var i = 0; i < conditions.Length; i++)
        {
            if (!CompiledCondition.TryCompile(definition.Conditions[i], out var condition, out var conditionError))
            {
                error = $"condition {i + 1}: {conditionError}";
                return false;
            }

            conditions[i] = condition;
        }

        var action = PolicyAction.Log;
        var riskDelta = 0.0;
        string? blockMessage = null;
        foreach (var candidate in definition.Actions)
        {
            switch (candidate.Type)
            {
                case "block":
                    action = PolicyAction.Block;
                    blockMessage = ReadString(candidate.Parameters, "reason") ?? ReadString(candidate.Parameters, "message");
                    break;
                case "redact":
                    action = Stricter(action, PolicyAction.Redact);
                    break;
                case "warn":
                    action = Stricter(action, PolicyAction.Warn);
                    break;
                case "log":
                    break;
                case "modify_risk":
                    if (!TryReadDelta(candidate.Parameters, out var delta))
                    {
                        error = "action 'modify_risk' needs a numeric risk delta (a number or {\"delta\": n}) between -1 and 1";
                        return false;
                    }

                    riskDelta += delta;
                    break;
                default:
                    error = $"action type must be one of block, redact, warn, log, modify_risk, but was '{candidate.Type}'";
                    return false;
            }
        }

        compiled = new CompiledDynamicPolicy(definition, conditions, action, riskDelta, blockMessage);
        error = null;
        return true;
    }

    public bool Matches(in EvaluationSubject subject)
    {
        foreach (var condition in _conditions)
        {
            if (!condition.Evaluate(subject))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds one hit per evidence span in the scanned text, or one empty-span hit when the match rests on other fields.</summary>
    public void AddHits(string scannedText, ConditionField scannedField, ref HitCollector hits)
    {
        var spans = new List<(int Start, int Length)>();
        foreach (var condition in _conditions)
        {
            if (condition.Field == scannedField)
            {
                condition.CollectSpans(scannedText, spans);
            }
        }

        if (spans.Count == 0)
        {
            hits.Add(CreateHit(0, 0));
            return;
        }

        foreach (var (start, length) in spans)
        {
            hits.Add(CreateHit(start, length));
        }
    }

    private PolicyHit CreateHit(int start, int length) =>
        new(Definition.PolicyId, Definition.Name, Category, _severity, Action, start, length);

    // The enum is declared most restrictive first.
    private static PolicyAction Stricter(PolicyAction a, PolicyAction b) => a < b ? a : b;

    private static string? ReadString(JsonElement? parameters, string name) =>
        parameters is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool TryReadDelta(JsonElement? parameters, out double delta)
    {
        delta = 0;
        var ok = parameters switch
        {
            { ValueKind: JsonValueKind.Number } n => n.TryGetDouble(out delta),
            { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("delta", out var d) => ConditionParser.TryReadNumber(d, out delta),
            _ => false,
        };
        return ok && delta is >= -1 and <= 1;
    }
}
