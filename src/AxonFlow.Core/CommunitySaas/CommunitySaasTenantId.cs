using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AxonFlow.Core.CommunitySaas;

/// <summary>
/// A Community SaaS tenant id: <c>cs_</c> followed by a lowercase UUID. It is the tenant's org id and client id at once
/// (seed 002), so it is minted only by registration and parsed strictly wherever a caller names one.
/// </summary>
public static class CommunitySaasTenantId
{
    public const string Prefix = "cs_";

    public static string NewId() => Prefix + Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);

    public static bool IsValid([NotNullWhen(true)] string? value) =>
        value is { Length: 39 }
        && value.StartsWith(Prefix, StringComparison.Ordinal)
        && Guid.TryParseExact(value.AsSpan(Prefix.Length), "D", out var parsed)
        && string.Equals(parsed.ToString("D", CultureInfo.InvariantCulture), value[Prefix.Length..], StringComparison.Ordinal);
}
