using System.Text.RegularExpressions;

namespace AxonFlow.Core.Policies.Matching;

/// <summary>One regex of a policy with its optional gate and validator.</summary>
internal sealed class PatternMatcher(Regex regex, TextGate? gate = null, MatchValidator? validator = null)
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
            foreach (var match in Regex.EnumerateMatches(text))
            {
                var length = match.Length;
                if (length == 0)
                {
                    continue;
                }

                if (validator is not null)
                {
                    length = validator(text.Slice(match.Index, length));
                    if (length == 0)
                    {
                        continue;
                    }
                }

                hits.Add(policy.CreateHit(action, match.Index, length));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Only org patterns carry a timeout; they run on the linear engine, so this means an enormous input. The hits found
            // so far stand and the rest of this pattern is skipped rather than stalling the request.
        }
    }
}
