using System.Text.RegularExpressions;
using AxonFlow.Core.Policies.Matching;

namespace AxonFlow.Core.Policies.Catalog;

/// <summary>A built-in policy: its published definition plus what the engine actually runs (several regexes, gates, validators).</summary>
internal sealed record SystemPolicyEntry(
    StaticPolicyDefinition Definition,
    IReadOnlyList<PatternMatcher> Matchers,
    string RedactionLabel,
    TextGate? Gate,
    bool Overridable)
{
    public CompiledStaticPolicy Compile(StaticPolicyDefinition effective) => new(effective, Matchers, RedactionLabel, Gate);

    public static SystemPolicyEntry Create(
        string id,
        string name,
        string category,
        PolicySeverity severity,
        PolicyAction action,
        int priority,
        bool overridable,
        string redactionLabel,
        string description,
        TextGate? gate,
        params PatternMatcher[] matchers)
    {
        var sources = matchers.SelectMany(static m => m.Sources).ToArray();
        var pattern = sources.Length == 1
            ? Describe(sources[0])
            : string.Join('|', sources.Select(static r => $"(?:{Describe(r)})"));
        var definition = new StaticPolicyDefinition(
            id, name, category, pattern, severity, action, Enabled: true, PolicyTier.System, priority, description);
        return new SystemPolicyEntry(definition, matchers, redactionLabel, gate, overridable);
    }

    // The published pattern must mean what the engine runs, so the case-insensitive option is written into it.
    private static string Describe(Regex regex) =>
        PatternMatcher.InlineOptions(regex.Options) is { Length: > 0 } inline ? $"(?{inline}:{regex})" : regex.ToString();
}
