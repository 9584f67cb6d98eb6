using System.Text.RegularExpressions;

namespace AxonFlow.Core.Policies.Matching;

/// <summary>One regex of a policy with its optional gate, anchor window and validator.</summary>
internal sealed class PatternMatcher(Regex regex, TextGate? gate = null, MatchValidator? validator = null, MatchWindow? window = null)
{
    private IReadOnlyList<Regex>? _sources;

    /// <summary>The regex that runs; for a combined matcher, the alternation of <see cref="Sources"/>.</summary>
    public Regex Regex { get; } = regex;

    /// <summary>The individual patterns this matcher stands for.</summary>
    public IReadOnlyList<Regex> Sources => _sources ?? [Regex];

    /// <summary>
    /// One alternation for several literal-led patterns: the engine then finds all their keywords in a single vectorised
    /// multi-string search instead of one pass per pattern. Each part keeps its own options as an inline group.
    /// </summary>
    public static PatternMatcher Combine(params Regex[] sources)
    {
        var alternation = string.Join('|', sources.Select(static r => $"(?{InlineOptions(r.Options)}:{r})"));
        var combined = new Regex(alternation, RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
        return new PatternMatcher(combined) { _sources = sources };
    }

    public static string InlineOptions(RegexOptions options) =>
        (options.HasFlag(RegexOptions.IgnoreCase) ? "i" : string.Empty) + (options.HasFlag(RegexOptions.Multiline) ? "m" : string.Empty);

    /// <summary>Reports every non-empty, validated match.</summary>
    public void Scan(ReadOnlySpan<char> text, in TextProfile profile, CompiledStaticPolicy policy, PolicyAction action, ref HitCollector hits)
    {
        if (gate is not null && !gate.Passes(text, profile))
        {
            return;
        }

        try
        {
            if (window is null)
            {
                ScanRange(text, 0, text.Length, policy, action, ref hits);
                return;
            }

            var from = 0;
            while (window.TryNext(text, from, from, out var start, out var end))
            {
                ScanRange(text, start, end, policy, action, ref hits);
                from = end;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Only org patterns carry a timeout; they run on the linear engine, so this means an enormous input or a starved
            // machine. The scan stops rather than stalling the request, and what could not be proven clean counts as matched:
            // a block policy blocks, a redact policy masks the whole text. Failing open would let the input through unchecked.
            hits.Add(policy.CreateHit(action, 0, text.Length));
        }
    }

    private void ScanRange(ReadOnlySpan<char> text, int from, int to, CompiledStaticPolicy policy, PolicyAction action, ref HitCollector hits)
    {
        foreach (var match in Regex.EnumerateMatches(text[from..to]))
        {
            var start = from + match.Index;
            var length = match.Length;
            if (length == 0 || (validator is not null && !validator(text, ref start, ref length)) || length == 0)
            {
                continue;
            }

            hits.Add(policy.CreateHit(action, start, length));
        }
    }
}
