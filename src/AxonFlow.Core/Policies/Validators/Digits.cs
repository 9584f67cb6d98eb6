namespace AxonFlow.Core.Policies.Validators;

/// <summary>Separator-tolerant digit extraction shared by the numeric validators.</summary>
internal static class Digits
{
    /// <summary>Copies the ASCII digits of <paramref name="text"/> into <paramref name="destination"/>; returns the count, or -1 if they do not fit.</summary>
    public static int Extract(ReadOnlySpan<char> text, Span<byte> destination)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == destination.Length)
                {
                    return -1;
                }

                destination[count++] = (byte)(c - '0');
            }
        }

        return count;
    }
}
