using System.Security.Cryptography;
using System.Text;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Admin;

/// <summary>
/// Checks <c>X-Admin-API-Key</c> against <c>ADMIN_API_KEY</c>. Both are reduced to SHA-256 digests and compared with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, so the comparison costs the same whatever the presented value's
/// length or content. With no key configured nothing matches, and the work done is the same.
/// </summary>
internal sealed class AdminKeyVerifier
{
    private static readonly byte[] Unconfigured = SHA256.HashData(RandomNumberGenerator.GetBytes(32));

    private readonly byte[] _expected;

    public AdminKeyVerifier(AxonFlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IsConfigured = settings.AdminApiKey is not null;
        _expected = settings.AdminApiKey is { } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : Unconfigured;
    }

    public bool IsConfigured { get; }

    public bool Matches(string? presented)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? string.Empty));
        return CryptographicOperations.FixedTimeEquals(digest, _expected) & IsConfigured & presented is not null;
    }
}
