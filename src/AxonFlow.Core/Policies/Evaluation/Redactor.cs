using System.Collections.Frozen;
using System.Text;

namespace AxonFlow.Core.Policies.Evaluation;

/// <summary>Masks redact-action spans; overlapping spans collapse into one mask named after the earliest.</summary>
internal static class Redactor
{
    /// <summary>Returns the masked text, or null when no hit asks for redaction. <paramref name="hits"/> must be sorted by start.</summary>
    public static string? Redact(string text, IReadOnlyList<PolicyHit> hits, FrozenDictionary<string, string> masks)
    {
        StringBuilder? builder = null;
        var copied = 0;
        foreach (var hit in hits)
        {
            if (hit.Action != PolicyAction.Redact || hit.Length == 0)
            {
                continue;
            }

            var end = hit.Start + hit.Length;
            if (hit.Start < copied)
            {
                // Overlaps the previous mask: extend what that mask covers instead of masking twice.
                copied = Math.Max(copied, end);
                continue;
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(text, copied, hit.Start - copied);
            builder.Append(masks.TryGetValue(hit.PolicyId, out var mask) ? mask : "[REDACTED]");
            copied = end;
        }

        if (builder is null)
        {
            return null;
        }

        builder.Append(text, copied, text.Length - copied);
        return builder.ToString();
    }
}
