namespace AxonFlow.Core.Policies.Validators;

/// <summary>
/// Context patterns match "keyword … value" so the regex engine can search for the keyword; the finding (and what gets
/// masked) is only the value at the end of the match.
/// </summary>
internal static class TrailingToken
{
    /// <summary>Narrows the span to its trailing passport number: 1–2 upper-case letters and 6–9 digits.</summary>
    public static bool Passport(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        var end = start + length;
        var first = end;
        while (first > start && char.IsAsciiDigit(text[first - 1]))
        {
            first--;
        }

        while (first > start && end - first < 11 && char.IsAsciiLetterUpper(text[first - 1]))
        {
            first--;
        }

        return Narrow(first, end, ref start, ref length);
    }

    /// <summary>Narrows the span to its trailing date (digits and / . - separators).</summary>
    public static bool Date(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        var end = start + length;
        var first = end;
        while (first > start && (char.IsAsciiDigit(text[first - 1]) || text[first - 1] is '/' or '.' or '-'))
        {
            first--;
        }

        // A date cannot start with a separator; "born.12/05/1990" keeps only the date.
        while (first < end && !char.IsAsciiDigit(text[first]))
        {
            first++;
        }

        return Narrow(first, end, ref start, ref length);
    }

    private static bool Narrow(int first, int end, ref int start, ref int length)
    {
        start = first;
        length = end - first;
        return length > 0;
    }
}
