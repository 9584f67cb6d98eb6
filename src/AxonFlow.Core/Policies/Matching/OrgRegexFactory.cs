using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace AxonFlow.Core.Policies.Matching;

/// <summary>
/// Org-supplied regexes run on the linear-time engine: whatever the pattern, a scan is O(pattern × input), so no org can
/// stall a request (ReDoS). The length cap bounds the pattern factor and the timeout bounds the rest.
/// </summary>
internal static class OrgRegexFactory
{
    public const int MaxPatternLength = 1000;
    public const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    public static bool TryCreate(string? pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? error)
    {
        regex = null;
        if (string.IsNullOrEmpty(pattern))
        {
            error = "pattern must not be empty";
            return false;
        }

        if (pattern.Length > MaxPatternLength)
        {
            error = $"pattern must be at most {MaxPatternLength} characters, but was {pattern.Length}";
            return false;
        }

        Regex probe;
        try
        {
            probe = new Regex(pattern, Options);
        }
        catch (RegexParseException ex)
        {
            error = $"pattern is not a valid regular expression: {ex.Error} at offset {ex.Offset}";
            return false;
        }
        catch (NotSupportedException ex)
        {
            error = "pattern uses a construct the linear-time regex engine cannot run (backreferences, lookarounds, "
                + $"atomic groups, conditionals or possessive quantifiers): {ex.Message}";
            return false;
        }

        // The probe has no timeout: its first matches pay the one-time JIT and automaton construction, which on a busy
        // machine can exceed the match timeout and would otherwise fail the first real scan of the pattern.
        if (probe.IsMatch(string.Empty))
        {
            error = "pattern matches the empty string, so it would match every request";
            return false;
        }

        _ = probe.Count("warm-up: The quick brown fox jumps over the lazy dog 0123456789.");
        regex = new Regex(pattern, Options, MatchTimeout);
        error = null;
        return true;
    }
}
