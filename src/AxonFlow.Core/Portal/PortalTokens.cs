using System.Buffers.Text;
using System.Security.Cryptography;
using AxonFlow.Core.Credentials;

namespace AxonFlow.Core.Portal;

/// <summary>
/// The bearer secrets of the portal surfaces. Both are 256-bit random values stored only as a keyed hash; the hash input
/// names the kind, so a session token can never be replayed as a SCIM token or a client secret, and the other way round.
/// </summary>
public static class PortalTokens
{
    /// <summary>Length of a session token: 32 random bytes in unpadded base64url.</summary>
    public const int SessionTokenLength = 43;

    public const string ScimTokenPrefix = "axscim_";

    public static string NewSessionToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string NewScimToken() => ScimTokenPrefix + SecretGenerator.RandomString(43);

    public static bool IsWellFormedSessionToken(string? token) =>
        token is { Length: SessionTokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool IsWellFormedScimToken(string? token) =>
        token is { Length: 50 } && token.StartsWith(ScimTokenPrefix, StringComparison.Ordinal) && token.Skip(ScimTokenPrefix.Length).All(char.IsAsciiLetterOrDigit);

    public static byte[] HashSession(CredentialHasher hasher, string token)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return hasher.Hash("portal-session:" + token);
    }

    public static byte[] HashScim(CredentialHasher hasher, string token)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return hasher.Hash("scim-token:" + token);
    }
}
