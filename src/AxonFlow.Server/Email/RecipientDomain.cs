namespace AxonFlow.Server.Email;

/// <summary>The part of an address logs may carry: the domain, never the mailbox.</summary>
internal static class RecipientDomain
{
    public static string Of(string address)
    {
        var at = address.LastIndexOf('@');
        var domain = at >= 0 ? address[(at + 1)..].Trim().TrimEnd('>') : string.Empty;
        return domain.Length is > 0 and <= 253 && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') ? domain.ToLowerInvariant() : "(invalid)";
    }
}
