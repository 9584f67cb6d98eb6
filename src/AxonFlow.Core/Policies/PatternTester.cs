using System.Text.RegularExpressions;
using AxonFlow.Core.Policies.Matching;

namespace AxonFlow.Core.Policies;

/// <summary>Runs a candidate org pattern exactly as the engine would (same engine, limits and timeout) against sample inputs.</summary>
public static class PatternTester
{
    public const int MaxMatchesPerInput = 100;

    public static PatternTestResult Test(string pattern, IReadOnlyList<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!OrgRegexFactory.TryCreate(pattern, out var regex, out var error))
        {
            return new PatternTestResult(false, error, []);
        }

        var cases = new PatternTestCase[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            cases[i] = TestOne(regex, inputs[i] ?? string.Empty);
        }

        return new PatternTestResult(true, null, cases);
    }

    private static PatternTestCase TestOne(Regex regex, string input)
    {
        var matches = new List<string>();
        try
        {
            foreach (var match in regex.EnumerateMatches(input))
            {
                if (match.Length == 0)
                {
                    continue;
                }

                matches.Add(input.Substring(match.Index, match.Length));
                if (matches.Count == MaxMatchesPerInput)
                {
                    break;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Same rule as evaluation: what was found before the timeout is reported, the rest is not scanned.
        }

        return new PatternTestCase(input, matches.Count > 0, matches);
    }
}
