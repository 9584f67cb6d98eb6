using System.Buffers;

namespace AxonFlow.Core.Policies.Matching;

/// <summary>
/// A vectorised pre-check that proves a pattern cannot match, so the regex never runs on text that lacks its literals. Every
/// requirement must be present somewhere in the text; a requirement is any one of its keywords or characters.
/// </summary>
internal sealed class TextGate
{
    private readonly SearchValues<string>[] _keywordSets;
    private readonly SearchValues<char>[] _charSets;
    private readonly int _minDigitRun;

    private TextGate(SearchValues<string>[] keywordSets, SearchValues<char>[] charSets, int minDigitRun)
    {
        _keywordSets = keywordSets;
        _charSets = charSets;
        _minDigitRun = minDigitRun;
    }

    /// <summary>A number-like run with at least <paramref name="minimum"/> digits (see <see cref="TextProfile"/>).</summary>
    public static TextGate DigitRun(int minimum) => new([], [], minimum);

    /// <summary>At least one of <paramref name="keywords"/>, compared ordinally ignoring case.</summary>
    public static TextGate AnyKeyword(params string[] keywords) =>
        new([SearchValues.Create(keywords, StringComparison.OrdinalIgnoreCase)], [], minDigitRun: 0);

    /// <summary>At least one of <paramref name="keywords"/>, compared ordinally (for upper-case-only tokens such as <c>AKIA</c>).</summary>
    public static TextGate AnyExactKeyword(params string[] keywords) =>
        new([SearchValues.Create(keywords, StringComparison.Ordinal)], [], minDigitRun: 0);

    /// <summary>At least one of the characters of <paramref name="chars"/>.</summary>
    public static TextGate AnyChar(string chars) => new([], [SearchValues.Create(chars)], minDigitRun: 0);

    public TextGate And(TextGate other) =>
        new([.. _keywordSets, .. other._keywordSets], [.. _charSets, .. other._charSets], Math.Max(_minDigitRun, other._minDigitRun));

    public bool Passes(ReadOnlySpan<char> text, in TextProfile profile)
    {
        if (profile.LongestDigitRun < _minDigitRun)
        {
            return false;
        }

        foreach (var chars in _charSets)
        {
            if (text.IndexOfAny(chars) < 0)
            {
                return false;
            }
        }

        foreach (var keywords in _keywordSets)
        {
            if (text.IndexOfAny(keywords) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
