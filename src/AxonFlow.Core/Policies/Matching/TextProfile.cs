namespace AxonFlow.Core.Policies.Matching;

/// <summary>
/// Facts about a text computed once per evaluation and shared by every gate. <see cref="LongestDigitRun"/> counts the digits
/// of the longest number-like run, where up to two separators (space - . / ( ) +) may sit between digits; a pattern whose
/// every match contains N digits in such a run cannot match a text whose longest run is shorter. Prose rarely has a run
/// longer than a year, so most numeric PII patterns are skipped without running their regex.
/// </summary>
internal readonly record struct TextProfile(int LongestDigitRun)
{
    public static TextProfile Of(ReadOnlySpan<char> text)
    {
        var longest = 0;
        var offset = text.IndexOfAnyInRange('0', '9');
        var i = offset;
        while (offset >= 0)
        {
            var digits = 0;
            var separators = 0;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsAsciiDigit(c))
                {
                    digits++;
                    separators = 0;
                }
                else if (separators < 2 && c is ' ' or '-' or '.' or '/' or '(' or ')' or '+')
                {
                    separators++;
                }
                else
                {
                    break;
                }
            }

            longest = Math.Max(longest, digits);
            if (i >= text.Length)
            {
                break;
            }

            offset = text[i..].IndexOfAnyInRange('0', '9');
            i += offset;
        }

        return new TextProfile(longest);
    }
}
