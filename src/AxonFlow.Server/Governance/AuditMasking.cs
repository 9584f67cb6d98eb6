using System.Text;
using AxonFlow.Core.Policies;
using AxonFlow.Postgres.Audit;

namespace AxonFlow.Server.Governance;

/// <summary>What the audit trail may keep of a prompt: every matched span masked, whatever its action.</summary>
internal static class AuditMasking
{
    public static string Mask(string text, IReadOnlyList<PolicyHit> hits)
    {
        if (hits.Count == 0)
        {
            return text;
        }

        var masked = new StringBuilder(text.Length);
        var position = 0;
        foreach (var hit in hits.Where(h => h.Length > 0).OrderBy(h => h.Start))
        {
            if (hit.Start < position || hit.Start + hit.Length > text.Length)
            {
                continue;
            }

            masked.Append(text, position, hit.Start - position).Append("[REDACTED:").Append(hit.PolicyId).Append(']');
            position = hit.Start + hit.Length;
        }

        return masked.Append(text, position, text.Length - position).ToString();
    }

    public static IReadOnlyList<AuditPolicyHit> Hits(IEnumerable<PolicyHit> hits) =>
        [.. hits.DistinctBy(h => (h.PolicyId, h.Action)).Select(h => new AuditPolicyHit(h.PolicyId, h.Name, h.Category, PolicyWireNames.ToWire(h.Severity), PolicyWireNames.ToWire(h.Action)))];
}
