using System.Collections.Frozen;

namespace AxonFlow.Core.Policies.Evaluation;

/// <summary>Masks redact-action spans; overlapping spans collapse into one mask named after the earliest.</summary>
internal static class Redactor
{
    /// <summary>Returns the masked text, or null when no hit asks for redaction. <paramref name="hits"/> must be sorted by start.</summary>
    public static string? Redact(string text, IReadOnlyList<PolicyHit> hits, FrozenDictionary<string, string> masks)
    {
        // Measure first so the masked text is the only allocation.
        var length = text.Length;
        var masked = false;
        var covered = 0;
        foreach (var hit in hits)
        {
            if (!IsRedaction(hit))
            {
                continue;
            }

            var end = hit.Start + hit.Length;
            if (hit.Start < covered)
            {
                length -= Math.Max(0, end - covered);
                covered = Math.Max(covered, end);
                continue;
            }

            length += MaskFor(hit, masks).Length - hit.Length;
            covered = end;
            masked = true;
        }

        return masked ? string.Create(length, (text, hits, masks), static (destination, state) => Write(destination, state.text, state.hits, state.masks)) : null;
    }

    private static void Write(Span<char> destination, string text, IReadOnlyList<PolicyHit> hits, FrozenDictionary<string, string> masks)
    {
        var copied = 0;
        var written = 0;
        foreach (var hit in hits)
        {
            if (!IsRedaction(hit))
            {
                continue;
            }

            var end = hit.Start + hit.Length;
            if (hit.Start < copied)
            {
                // Overlaps the previous mask: that mask now covers this span too.
                copied = Math.Max(copied, end);
                continue;
            }

            text.AsSpan(copied, hit.Start - copied).CopyTo(destination[written..]);
            written += hit.Start - copied;
            var mask = MaskFor(hit, masks);
            mask.CopyTo(destination[written..]);
            written += mask.Length;
            copied = end;
        }

        text.AsSpan(copied).CopyTo(destination[written..]);
    }

    private static bool IsRedaction(PolicyHit hit) => hit.Action == PolicyAction.Redact && hit.Length > 0;

    private static string MaskFor(PolicyHit hit, FrozenDictionary<string, string> masks) =>
        masks.TryGetValue(hit.PolicyId, out var mask) ? mask : "[REDACTED]";
}
