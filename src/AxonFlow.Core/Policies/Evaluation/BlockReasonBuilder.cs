using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace AxonFlow.Core.Policies.Evaluation;

/// <summary>Names every blocking policy once, in text order: "PII detected: US SSN (Social Security Number) (sys_pii_ssn); …".</summary>
internal static class BlockReasonBuilder
{
    public static string Build(IReadOnlyList<PolicyHit> hits, FrozenDictionary<string, string> blockMessages)
    {
        var reason = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[256]);

        // Checked against the few policies already named, not against every earlier hit: a prompt of 10,000 SSNs stays linear.
        var named = new List<string>(4);
        foreach (var hit in hits)
        {
            if (hit.Action is not (PolicyAction.Block or PolicyAction.RequireApproval) || named.Contains(hit.PolicyId, StringComparer.Ordinal))
            {
                continue;
            }

            if (named.Count > 0)
            {
                reason.AppendLiteral("; ");
            }

            named.Add(hit.PolicyId);
            reason.AppendLiteral(hit.Action == PolicyAction.RequireApproval ? "requires approval" : Kind(hit.Category));
            reason.AppendLiteral(": ");
            reason.AppendFormatted(hit.Name);
            reason.AppendLiteral(" (");
            reason.AppendFormatted(hit.PolicyId);
            reason.AppendLiteral(")");
            if (blockMessages.TryGetValue(hit.PolicyId, out var message))
            {
                reason.AppendLiteral(": ");
                reason.AppendFormatted(message);
            }
        }

        return reason.ToStringAndClear();
    }

    private static string Kind(string category) => category switch
    {
        PolicyCategories.SecuritySqli => "SQL injection detected",
        PolicyCategories.SecurityAdmin => "Administrative access detected",
        PolicyCategories.CodeSecrets => "Secret detected",
        PolicyCategories.CodeUnsafe => "Unsafe code detected",
        PolicyCategories.CodeCompliance => "Compliance violation",
        PolicyCategories.SensitiveData => "Sensitive data detected",
        _ when PolicyCategories.IsPii(category) => "PII detected",
        _ => "Blocked by policy",
    };
}
