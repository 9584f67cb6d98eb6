using System.Security.Cryptography;
using System.Text;

namespace AxonFlow.Core.Credentials;

/// <summary>
/// Keyed fingerprints (HMAC-SHA256) of prompts and user tokens kept in the audit trail: equal inputs stay correlatable,
/// but a short secret such as a bare SSN cannot be confirmed by hashing guesses without the server's key.
/// </summary>
public sealed class Fingerprinter
{
    private const string Purpose = "axonflow.fingerprint.v1:";

    private readonly byte[] _key;

    public Fingerprinter(ReadOnlySpan<byte> key)
    {
        if (key.Length < CredentialHasher.MinimumKeyBytes)
        {
            throw new ArgumentException($"The fingerprint key must be at least {CredentialHasher.MinimumKeyBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    public string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(Purpose + value)));
    }
}
