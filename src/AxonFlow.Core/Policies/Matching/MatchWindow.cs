using System.Buffers;

namespace AxonFlow.Core.Policies.Matching;

/// <summary>
/// Restricts a pattern to the neighbourhood of a rare anchor character (the <c>@</c> of an address). Patterns that start with
/// a character-class loop cannot be located by the regex engine's vectorised prefix search, so on prose they try every
/// letter; scanning only the run of allowed characters around each anchor makes them cost one <c>IndexOf</c> per prompt.
/// Window edges fall on characters outside the allowed runs, so boundaries and lookarounds see what they would in the full text.
/// </summary>
internal sealed class MatchWindow(char anchor, SearchValues<char> backward, SearchValues<char> forward, int maxReach)
{
    /// <summary>Finds the next window at or after <paramref name="from"/>; its start never precedes <paramref name="floor"/>.</summary>
    public bool TryNext(ReadOnlySpan<char> text, int from, int floor, out int start, out int end)
    {
        start = end = 0;
        if (from >= text.Length)
        {
            return false;
        }

        var offset = text[from..].IndexOf(anchor);
        if (offset < 0)
        {
            return false;
        }

        var at = from + offset;
        var lowest = Math.Max(floor, at - maxReach);
        start = at;
        while (start > lowest && backward.Contains(text[start - 1]))
        {
            start--;
        }

        var highest = Math.Min(text.Length, at + 1 + maxReach);
        end = at + 1;
        while (end < highest && forward.Contains(text[end]))
        {
            end++;
        }

        return true;
    }
}
