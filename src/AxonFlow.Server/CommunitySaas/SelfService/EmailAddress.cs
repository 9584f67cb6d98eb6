namespace AxonFlow.Server.CommunitySaas.SelfService;

/// <summary>A minimal, strict plausibility check of an email address a caller typed (the outbox does the real delivery).</summary>
internal static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool IsPlausible(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var trimmed = value.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return trimmed.Length is > 2 and <= MaxLength
            && at > 0 && at == trimmed.LastIndexOf('@') && at < trimmed.Length - 1
            && !trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"');
    }
}
