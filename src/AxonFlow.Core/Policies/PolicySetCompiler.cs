using System.Collections.Frozen;
using System.Text.RegularExpressions;
using AxonFlow.Core.Policies.Catalog;
using AxonFlow.Core.Policies.Dynamic;
using AxonFlow.Core.Policies.Evaluation;
using AxonFlow.Core.Policies.Matching;

namespace AxonFlow.Core.Policies;

/// <summary>Builds a <see cref="PolicySet"/>: applies overrides, compiles org content, and reports what it refused.</summary>
internal static class PolicySetCompiler
{
    public static PolicySetCompilation Compile(
        IEnumerable<StaticPolicyDefinition> orgStatic,
        IEnumerable<DynamicPolicyDefinition> orgDynamic,
        IEnumerable<PolicyOverride> overrides,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orgStatic);
        ArgumentNullException.ThrowIfNull(orgDynamic);
        ArgumentNullException.ThrowIfNull(overrides);

        var errors = new List<PolicyCompilationError>();
        var ignored = new List<PolicyCompilationError>();
        var statics = new List<CompiledStaticPolicy>();

        var orgPolicies = CompileOrgStatic(orgStatic, errors);
        var activeOverrides = SelectOverrides(overrides, orgPolicies, now, ignored);

        foreach (var entry in SystemPolicyCatalog.Entries)
        {
            statics.Add(entry.Compile(ApplyOverride(entry.Definition, activeOverrides)));
        }

        foreach (var (definition, regex) in orgPolicies.Values)
        {
            var effective = ApplyOverride(definition, activeOverrides);
            statics.Add(new CompiledStaticPolicy(effective, [new PatternMatcher(regex)], definition.PolicyId, gate: null));
        }

        statics.Sort(static (a, b) => CompareStatic(a.Definition, b.Definition));
        var dynamics = CompileDynamic(orgDynamic, orgPolicies, errors);

        var enabledStatic = statics.Where(static p => p.Definition.Enabled).ToArray();
        var enabledDynamic = dynamics.Where(static p => p.Definition.Enabled).ToArray();
        var masks = statics.Select(static p => KeyValuePair.Create(p.Definition.PolicyId, p.RedactionMask))
            .Concat(dynamics.Select(static p => KeyValuePair.Create(p.Definition.PolicyId, p.RedactionMask)))
            .ToFrozenDictionary(StringComparer.Ordinal);
        var blockMessages = dynamics.Where(static p => p.BlockMessage is not null)
            .ToFrozenDictionary(static p => p.Definition.PolicyId, static p => p.BlockMessage!, StringComparer.Ordinal);

        var engine = new PolicyEngine(
            enabledStatic,
            [.. enabledStatic.Where(static p => p.AppliesToOutput)],
            [.. enabledDynamic.Where(static p => !p.ReadsResponse)],
            [.. enabledDynamic.Where(static p => p.ReadsResponse)],
            masks,
            blockMessages);
        var set = new PolicySet(
            engine,
            [.. statics.Select(static p => p.Definition)],
            [.. dynamics.Select(static p => p.Definition)],
            enabledStatic.Length + enabledDynamic.Length);
        return new PolicySetCompilation(set, errors, ignored);
    }

    private static Dictionary<string, (StaticPolicyDefinition Definition, Regex Regex)> CompileOrgStatic(
        IEnumerable<StaticPolicyDefinition> orgStatic, List<PolicyCompilationError> errors)
    {
        var compiled = new Dictionary<string, (StaticPolicyDefinition, Regex)>(StringComparer.Ordinal);
        foreach (var definition in orgStatic)
        {
            var id = definition.PolicyId;
            string? error = null;
            if (string.IsNullOrWhiteSpace(id))
            {
                error = "policy id must not be empty";
            }
            else if (SystemPolicies.IsSystemPolicy(id) || definition.Tier == PolicyTier.System)
            {
                error = "system policies are built in; an organization cannot define or replace one";
            }
            else if (compiled.ContainsKey(id))
            {
                error = "duplicate policy id";
            }
            else if (OrgRegexFactory.TryCreate(definition.Pattern, out var regex, out var regexError))
            {
                compiled.Add(id, (definition, regex));
            }
            else
            {
                error = regexError;
            }

            if (error is not null)
            {
                errors.Add(new PolicyCompilationError(id ?? string.Empty, error));
            }
        }

        return compiled;
    }

    private static List<CompiledDynamicPolicy> CompileDynamic(
        IEnumerable<DynamicPolicyDefinition> orgDynamic,
        Dictionary<string, (StaticPolicyDefinition, Regex)> orgStatic,
        List<PolicyCompilationError> errors)
    {
        var compiled = new List<CompiledDynamicPolicy>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in orgDynamic)
        {
            var id = definition.PolicyId ?? string.Empty;
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add(new PolicyCompilationError(id, "policy id must not be empty"));
            }
            else if (SystemPolicies.IsSystemPolicy(id) || orgStatic.ContainsKey(id) || !ids.Add(id))
            {
                errors.Add(new PolicyCompilationError(id, "duplicate policy id"));
            }
            else if (CompiledDynamicPolicy.TryCompile(definition, out var policy, out var error))
            {
                compiled.Add(policy);
            }
            else
            {
                errors.Add(new PolicyCompilationError(id, error));
            }
        }

        compiled.Sort(static (a, b) =>
        {
            var byPriority = b.Definition.Priority.CompareTo(a.Definition.Priority);
            return byPriority != 0 ? byPriority : string.CompareOrdinal(a.Definition.PolicyId, b.Definition.PolicyId);
        });
        return compiled;
    }

    private static Dictionary<string, PolicyOverride> SelectOverrides(
        IEnumerable<PolicyOverride> overrides,
        Dictionary<string, (StaticPolicyDefinition, Regex)> orgStatic,
        DateTimeOffset now,
        List<PolicyCompilationError> ignored)
    {
        var active = new Dictionary<string, PolicyOverride>(StringComparer.Ordinal);
        foreach (var candidate in overrides)
        {
            var id = candidate.PolicyId ?? string.Empty;
            var reason =
                !SystemPolicies.IsSystemPolicy(id) && !orgStatic.ContainsKey(id) ? "no static policy has this id"
                : !SystemPolicies.IsOverridable(id) ? "this system policy protects critical data and cannot be overridden"
                : !candidate.IsActive(now) ? "the override has expired"
                : null;
            if (reason is null)
            {
                // Several overrides for one policy: the last one supplied wins, as the newest row would.
                active[id] = candidate;
            }
            else
            {
                ignored.Add(new PolicyCompilationError(id, reason));
            }
        }

        return active;
    }

    private static StaticPolicyDefinition ApplyOverride(StaticPolicyDefinition definition, Dictionary<string, PolicyOverride> overrides) =>
        overrides.TryGetValue(definition.PolicyId, out var o)
            ? definition with { Action = o.ActionOverride ?? definition.Action, Enabled = o.EnabledOverride ?? definition.Enabled }
            : definition;

    private static int CompareStatic(StaticPolicyDefinition a, StaticPolicyDefinition b)
    {
        var byTier = a.Tier.CompareTo(b.Tier);
        if (byTier != 0)
        {
            return byTier;
        }

        var byPriority = b.Priority.CompareTo(a.Priority);
        return byPriority != 0 ? byPriority : string.CompareOrdinal(a.PolicyId, b.PolicyId);
    }
}
