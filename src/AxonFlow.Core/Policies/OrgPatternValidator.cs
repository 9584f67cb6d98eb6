using AxonFlow.Core.Policies.Matching;

namespace AxonFlow.Core.Policies;

/// <summary>Checks an organization's static-policy regex before it is stored.</summary>
public static class OrgPatternValidator
{
    /// <summary>The longest pattern an organization may store.</summary>
    public const int MaxPatternLength = OrgRegexFactory.MaxPatternLength;

    /// <summary>Returns a human-readable reason the pattern is refused, or null when it can be compiled and run safely.</summary>
    public static string? Validate(string pattern) => OrgRegexFactory.TryCreate(pattern, out _, out var error) ? null : error;
}
