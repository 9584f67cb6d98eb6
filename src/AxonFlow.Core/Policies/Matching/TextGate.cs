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
    private readonly bool _needsDigit;

    private TextGate(SearchValues<string>[] keywordSets, SearchValues<char>[] charSets, bool needsDigit)
    {
        _keywordSets = keywordSets;
        _charSets = charSets;
        _needsDigit = needsDigit;
    }

    public static TextGate Digit { get; } = new([], [], needsDigit: true);

    /// <summary>At least one of <paramref name="keywords"/>, compared ordinally ignoring case.</summary>
    public static TextGate AnyKeyword(params string[] keywords) =>
        new([SearchValues.Create(keywords, StringComparison.OrdinalIgnoreCase)], [], needsDigit: false);

    /// <summary>At least one of <paramref name="keywords"/>, compared ordinally (for upper-case-only tokens such as <c>AKIA</c>).</summary>
    public static TextGate AnyExactKeyword(params string[] keywords) =>
        new([SearchValues.Create(keywords, StringComparison.Ordinal)], [], needsDigit: false);

    /// <summary>At least one of the characters of <paramref name="chars"/>.</summary>
    public static TextGate AnyChar(string chars) => new([], [SearchValues.Create(chars)], needsDigit: false);

    public TextGate And(TextGate other) =>
        new([.. _keywordSets, .. other._keywordSets], [.. _charSets, .. other._charSets], _needsDigit || other._needsDigit);

    public bool Passes(ReadOnlySpan<char> text)
    {
        if (_needsDigit && text.IndexOfAnyInRange('0', '9') < 0)
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
