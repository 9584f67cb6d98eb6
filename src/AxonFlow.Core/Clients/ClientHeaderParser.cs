namespace AxonFlow.Core.Clients;

/// <summary>
/// Reads <c>X-Axonflow-Client</c> strictly: at most 128 characters, exactly one <c>/</c>, a client id of 1-64 ASCII
/// letters, digits, <c>.</c>, <c>_</c> or <c>-</c> starting with a letter or digit (compared lower-case), and a
/// semantic version. Anything else (several values, spaces inside, control characters, a missing version) is malformed,
/// which never fails a request: it counts as no header.
/// </summary>
public static class ClientHeaderParser
{
    public const string HeaderName = "X-Axonflow-Client";

    public const int MaxLength = 128;

    public const int MaxClientIdLength = 64;

    public static ClientIdentification Parse(string? value)
    {
        var trimmed = value?.Trim(' ', '\t');
        if (string.IsNullOrEmpty(trimmed))
        {
            return ClientIdentification.Absent;
        }

        if (trimmed.Length > MaxLength)
        {
            return ClientIdentification.Malformed;
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash > MaxClientIdLength || trimmed.IndexOf('/', slash + 1) >= 0)
        {
            return ClientIdentification.Malformed;
        }

        var name = trimmed[..slash];
        if (!char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return ClientIdentification.Malformed;
        }

        if (!ClientVersion.TryParse(trimmed[(slash + 1)..], out var version))
        {
            return ClientIdentification.Malformed;
        }

        var clientName = name.ToLowerInvariant();
        return new ClientIdentification(clientName, version, KnownClients.ScopeOf(clientName), HeaderPresent: true);
    }
}
