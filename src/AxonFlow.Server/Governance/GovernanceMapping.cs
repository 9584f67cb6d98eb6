using System.Globalization;
using System.Text.Json;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Policies;
using AxonFlow.Server.Clients;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.Governance;

/// <summary>Shared translation between wire bodies and the engine's values.</summary>
internal static class GovernanceMapping
{
    private static readonly Dictionary<string, string> CheckFamilies = new(StringComparer.Ordinal)
    {
        ["security-sqli"] = "sql_injection",
        ["security-admin"] = "admin_access",
        ["code-secrets"] = "secrets",
        ["code-unsafe"] = "unsafe_code",
        ["code-compliance"] = "code_compliance",
        ["sensitive-data"] = "sensitive_data",
    };

    /// <summary>Top-level context values as strings (strings verbatim, everything else as its JSON text) for dynamic conditions.</summary>
    public static IReadOnlyDictionary<string, string> Flatten(JsonElement? context)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context is { ValueKind: JsonValueKind.Object } element)
        {
            foreach (var property in element.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return values;
    }

    /// <summary>The <c>user.*</c> fields dynamic conditions can test.</summary>
    public static IReadOnlyDictionary<string, string> User(string? userId) =>
        userId is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal) { ["id"] = userId };

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PolicySet, IReadOnlyList<string>> StaticCheckCache = [];

    /// <summary>The families of checks the org's set ran (the wire's <c>static_checks</c>), computed once per compiled set.</summary>
    public static IReadOnlyList<string> StaticChecks(PolicySet set) => StaticCheckCache.GetValue(set, ComputeStaticChecks);

    private static IReadOnlyList<string> ComputeStaticChecks(PolicySet set) =>
        [.. set.EffectiveStaticPolicies.Where(p => p.Enabled)
            .Select(p => CheckFamilies.TryGetValue(p.Category, out var family) ? family : p.Category.StartsWith("pii-", StringComparison.Ordinal) ? "pii_detection" : p.Category)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    public static IReadOnlyList<PolicyViolation> Violations(IEnumerable<PolicyHit> hits) =>
        [.. hits.DistinctBy(h => h.PolicyId).Select(h => new PolicyViolation(h.PolicyId, h.Name, h.Category, PolicyWireNames.ToWire(h.Severity), PolicyWireNames.ToWire(h.Action)))];

    public static IReadOnlyList<McpMatchedPolicy> Matched(IEnumerable<PolicyHit> hits) =>
        [.. hits.DistinctBy(h => h.PolicyId).Select(h => new McpMatchedPolicy(h.PolicyId, h.Name, h.Category, PolicyWireNames.ToWire(h.Severity), PolicyWireNames.ToWire(h.Action)))];

    /// <summary>
    /// The caller's <c>X-Axonflow-Client</c> as the audit trail records it: the canonical <c>name/version</c>
    /// (e.g. <c>sdk-python/8.1.0</c>), or null when the header is absent or malformed.
    /// </summary>
    public static string? ClientHeader(HttpContext context) => context.GetClientIdentification().HeaderValue;

    public static string ProcessingTime(TimeSpan elapsed) => elapsed.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture) + "ms";

    /// <summary>The 403 for a body whose client_id names someone other than the authenticated caller.</summary>
    public static IResult ClientMismatch(HttpContext context) =>
        ApiErrorWriter.Result(context, StatusCodes.Status403Forbidden, "client_id in the body does not match the authenticated client", ErrorReasons.ClientMismatch);

    /// <summary>
    /// A body's client_id may only repeat the authenticated client. Community mode without any credential takes it as the
    /// caller's label (older SDKs send no auth header at all).
    /// </summary>
    public static bool TryResolveClient(CallerIdentity identity, string? bodyClientId, out CallerIdentity resolved)
    {
        resolved = identity;
        if (string.IsNullOrWhiteSpace(bodyClientId) || bodyClientId == identity.Client.Value)
        {
            return true;
        }

        if (identity is { Authentication: CallerAuthentication.Unverified, Client.Value: ClientId.CommunityDefault } && ClientId.TryCreate(bodyClientId.Trim(), out var label))
        {
            resolved = identity with { Client = label.Value };
            return true;
        }

        return false;
    }
}
