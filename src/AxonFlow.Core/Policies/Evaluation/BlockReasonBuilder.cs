using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace AxonFlow.Core.Policies.Evaluation;

/// <summary>Names every blocking policy once, in text order: "PII detected: US Social Security Number (sys_pii_ssn); …".</summary>
internal static class BlockReasonBuilder
{
    public static string Build(IReadOnlyList<PolicyHit> hits, FrozenDictionary<string, string> blockMessages)
    {
        var reason = new DefaultInterpolatedStringHandler(0, 0, null, stackalloc char[256]);
        var first = true;
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            if (hit.Action is not (PolicyAction.Block or PolicyAction.RequireApproval) || SeenBefore(hits, i))
            {
                continue;
            }

            if (!first)
            {
                reason.AppendLiteral("; ");
            }

            first = false;
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

    private static bool SeenBefore(IReadOnlyList<PolicyHit> hits, int index)
    {
        var id = hits[index].PolicyId;
        for (var j = 0; j < index; j++)
        {
            if (hits[j].Action is PolicyAction.Block or PolicyAction.RequireApproval && string.Equals(hits[j].PolicyId, id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
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
