using System.Security.Cryptography;
using System.Text;

namespace AxonFlow.Core.Credentials;

/// <summary>
/// Keyed hash of credential secrets (HMAC-SHA256 with a server-side key). Secrets are 256-bit random strings, so a fast
/// keyed hash is the right tool: a stolen table yields nothing without the key, and verification costs microseconds per request.
/// </summary>
public sealed class CredentialHasher
{
    public const int MinimumKeyBytes = 32;

    private const string Purpose = "axonflow.credential.v1:";

    private readonly byte[] _key;

    public CredentialHasher(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The credential hash key must be at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    public byte[] Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var input = Encoding.UTF8.GetBytes(Purpose + secret);
        return HMACSHA256.HashData(_key, input);
    }

    /// <summary>Constant-time comparison of a presented secret against a stored hash.</summary>
    public bool Matches(string secret, ReadOnlySpan<byte> storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);
}
