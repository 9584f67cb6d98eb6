using System.Diagnostics.CodeAnalysis;

namespace AxonFlow.Core.Portal;

/// <summary>
/// A portal login: an email address, unique across the deployment and compared case-insensitively. The value keeps the
/// case it was given in; <see cref="Key"/> is the comparison form (rate-limit buckets, lookups).
/// </summary>
public readonly record struct LoginEmail
{
    public const int MaxLength = 254;

    private LoginEmail(string value) => Value = value;

    public string Value { get; }

    public string Key => Value.ToLowerInvariant();

    /// <summary>Accepts <c>local@domain</c> with no whitespace or control characters, at most 254 characters.</summary>
    public static bool TryCreate(string? value, [NotNullWhen(true)] out LoginEmail? email, [NotNullWhen(false)] out string? problem)
    {
        email = null;
        var trimmed = value?.Trim() ?? string.Empty;
        problem = trimmed switch
        {
            { Length: 0 } => "is required",
            { Length: > MaxLength } => $"must be at most {MaxLength} characters",
            _ when trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) => "must not contain spaces or control characters",
            _ when !HasLocalAndDomain(trimmed) => "must be an email address (name@domain)",
            _ => null,
        };
        if (problem is null)
        {
            email = new LoginEmail(trimmed);
        }

        return problem is null;
    }

    public override string ToString() => Value;

    private static bool HasLocalAndDomain(string value)
    {
        var at = value.LastIndexOf('@');
        return at is > 0 and <= 64 && at < value.Length - 1 && value.IndexOf('@', StringComparison.Ordinal) == at;
    }
}
