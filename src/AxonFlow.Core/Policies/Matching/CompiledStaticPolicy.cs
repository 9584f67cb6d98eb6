namespace AxonFlow.Core.Policies.Matching;

/// <summary>A static policy ready to scan: its effective definition (after overrides), its matchers and the mask it redacts with.</summary>
internal sealed class CompiledStaticPolicy
{
    private readonly PatternMatcher[] _matchers;
    private readonly TextGate? _gate;

    public CompiledStaticPolicy(StaticPolicyDefinition definition, IReadOnlyList<PatternMatcher> matchers, string redactionLabel, TextGate? gate)
    {
        Definition = definition;
        _matchers = [.. matchers];
        _gate = gate;
        RedactionMask = $"[REDACTED:{redactionLabel}]";
        OutputAction = definition.Action is PolicyAction.Block or PolicyAction.RequireApproval ? PolicyAction.Redact : definition.Action;
    }

    public StaticPolicyDefinition Definition { get; }

    public string RedactionMask { get; }

    /// <summary>An answer already exists when the output scan runs, so what would block a prompt masks the answer instead.</summary>
    public PolicyAction OutputAction { get; }

    public bool AppliesToOutput => PolicyCategories.AppliesToOutput(Definition.Category);

    public void Scan(ReadOnlySpan<char> text, in TextProfile profile, PolicyAction action, ref HitCollector hits)
    {
        if (_gate is not null && !_gate.Passes(text, profile))
        {
            return;
        }

        var first = hits.Count;
        foreach (var matcher in _matchers)
        {
            matcher.Scan(text, profile, this, action, ref hits);
        }

        if (_matchers.Length > 1)
        {
            // Two patterns of one policy often see the same occurrence (UNION SELECT with and without a leading quote).
            hits.MergeOverlapsFrom(first);
        }
    }

    public PolicyHit CreateHit(PolicyAction action, int start, int length) =>
        new(Definition.PolicyId, Definition.Name, Definition.Category, Definition.Severity, action, start, length);
}
