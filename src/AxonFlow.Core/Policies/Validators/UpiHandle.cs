namespace AxonFlow.Core.Policies.Validators;

/// <summary>
/// The UPI regex already refuses an address followed by a domain suffix, so <c>john.doe@example.com</c> is never a UPI id.
/// This enforces the handle rules and refuses two more e-mail shapes: a handle that is the tail of an e-mail local part
/// (<c>a+b@…</c>) and a bare mail provider (<c>name@gmail</c> is a truncated address, not a payment handle).
/// </summary>
internal static class UpiHandle
{
    private static readonly HashSet<string> MailProviders = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail", "googlemail", "yahoo", "outlook", "hotmail", "rediffmail", "live", "msn", "aol", "icloud", "protonmail", "proton",
        "zoho", "mail", "email", "inbox", "gmx", "yandex", "fastmail",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = MailProviders.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool Validate(ReadOnlySpan<char> text, ref int start, ref int length)
    {
        var end = start + length;
        while (start < end && !char.IsAsciiLetterOrDigit(text[start]))
        {
            start++;
        }

        if (start > 0 && text[start - 1] is '+' or '%')
        {
            return false;
        }

        var candidate = text[start..end];
        var at = candidate.IndexOf('@');
        length = candidate.Length;
        return at is >= 3 and <= 256 && !Lookup.Contains(candidate[(at + 1)..]);
    }
}
