namespace AxonFlow.Core.Portal;

/// <summary>What a portal password must be when it is set (NIST SP 800-63B: length, not composition rules).</summary>
public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 1024;

    /// <summary>Null when acceptable; otherwise the problem, phrased to follow the field name.</summary>
    public static string? Problem(string? password) => password switch
    {
        null or { Length: 0 } => "is required",
        { Length: < MinLength } => $"must be at least {MinLength} characters",
        { Length: > MaxLength } => $"must be at most {MaxLength} characters",
        _ => null,
    };
}
