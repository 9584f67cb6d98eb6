namespace AxonFlow.Core.Policies.Validators;

/// <summary>ISO 13616 MOD-97 check, over the candidate or, when a greedy match swallowed a following word, its longest valid prefix.</summary>
internal static class Iban
{
    private const int MinLength = 15;
    private const int MaxLength = 34;

    public static bool Validate(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        length = ValidLength(text.Slice(start, length));
        return length > 0;
    }

    /// <summary>Returns the length of the longest valid IBAN at the start of <paramref name="candidate"/> ending on a group boundary, or 0.</summary>
    public static int ValidLength(ReadOnlySpan<char> candidate)
    {
        var end = candidate.Length;
        while (end > 0)
        {
            if (IsValid(candidate[..end]))
            {
                return end;
            }

            var space = candidate[..end].LastIndexOf(' ');
            if (space <= 0)
            {
                return 0;
            }

            end = space;
        }

        return 0;
    }

    public static bool IsValid(ReadOnlySpan<char> candidate)
    {
        Span<char> compact = stackalloc char[MaxLength];
        var length = 0;
        foreach (var c in candidate)
        {
            if (c == ' ')
            {
                continue;
            }

            if (length == MaxLength || !char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }

            compact[length++] = c;
        }

        if (length < MinLength)
        {
            return false;
        }

        // The check moves the first four characters to the end and reads letters as 10..35; a running remainder avoids big integers.
        var remainder = 0;
        for (var i = 0; i < length; i++)
        {
            var c = compact[(i + 4) % length];
            remainder = char.IsAsciiDigit(c)
                ? ((remainder * 10) + (c - '0')) % 97
                : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }
}
