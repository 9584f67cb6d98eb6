using System.Text.RegularExpressions;

namespace AxonFlow.Core.Policies.Matching;

/// <summary>One regex of a policy with its optional gate, anchor window and validator.</summary>
internal sealed class PatternMatcher(Regex regex, TextGate? gate = null, MatchValidator? validator = null, MatchWindow? window = null)
{
    public Regex Regex { get; } = regex;

    /// <summary>Reports every non-empty, validated match.</summary>
    public void Scan(ReadOnlySpan<char> text, CompiledStaticPolicy policy, PolicyAction action, ref HitCollector hits)
    {
        if (gate is not null && !gate.Passes(text))
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
            // Only org patterns carry a timeout; they run on the linear engine, so this means an enormous input. The hits found
            // so far stand and the rest of this pattern is skipped rather than stalling the request.
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
