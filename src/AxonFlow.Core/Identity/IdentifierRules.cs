namespace AxonFlow.Core.Identity;

/// <summary>What an organization or client id may look like: short, printable, and safe to put in a log line or a header.</summary>
internal static class IdentifierRules
{
    public const int MaxLength = 128;

    public const string Description = "1-128 characters of letters, digits, '.', '_', ':', '@' or '-'";

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-' or '@'))
            {
                return false;
            }
        }

        return true;
    }
}
