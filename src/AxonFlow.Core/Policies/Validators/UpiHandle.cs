namespace AxonFlow.Core.Policies.Validators;

/// <summary>
/// The UPI regex already refuses an address followed by a domain suffix, so <c>john.doe@example.com</c> is never a UPI id;
/// this refuses the bare mail providers too, because <c>name@gmail</c> is a truncated e-mail address, not a payment handle.
/// </summary>
internal static class UpiHandle
{
    private static readonly HashSet<string> MailProviders = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail", "googlemail", "yahoo", "outlook", "hotmail", "rediffmail", "live", "msn", "aol", "icloud", "protonmail", "proton",
        "zoho", "mail", "email", "inbox", "gmx", "yandex", "fastmail",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = MailProviders.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsValid(ReadOnlySpan<char> candidate)
    {
        var at = candidate.LastIndexOf('@');
        return at > 0 && !Lookup.Contains(candidate[(at + 1)..]);
    }
}
