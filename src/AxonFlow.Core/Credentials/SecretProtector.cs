using System.Security.Cryptography;
using System.Text;

namespace AxonFlow.Core.Credentials;

/// <summary>
/// Encrypts secrets the service must use later and so cannot hash (an OIDC client secret): AES-256-GCM under a key
/// derived with HKDF-SHA256 from the server's credential key. The associated data binds a ciphertext to its owner, so a
/// row copied to another org does not decrypt there. Layout: version (1) ‖ nonce (12) ‖ tag (16) ‖ ciphertext.
/// </summary>
public sealed class SecretProtector
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("axonflow.secret-protector.v1");

    private readonly byte[] _key;

    public SecretProtector(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length < CredentialHasher.MinimumKeyBytes)
        {
            throw new ArgumentException($"The master key must be at least {CredentialHasher.MinimumKeyBytes} bytes.", nameof(masterKey));
        }

        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey.ToArray(), 32, salt: [], info: Info);
    }

    public byte[] Protect(string plaintext, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(associatedData);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[1 + NonceBytes + TagBytes + clear.Length];
        blob[0] = Version;
        var nonce = blob.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, clear, blob.AsSpan(1 + NonceBytes + TagBytes), blob.AsSpan(1 + NonceBytes, TagBytes), Encoding.UTF8.GetBytes(associatedData));
        CryptographicOperations.ZeroMemory(clear);
        return blob;
    }

    /// <summary>The plaintext, or null when the blob was altered, belongs to another owner, or was made under another key.</summary>
    public string? Unprotect(ReadOnlySpan<byte> blob, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(associatedData);
        if (blob.Length < 1 + NonceBytes + TagBytes || blob[0] != Version)
        {
            return null;
        }

        var clear = new byte[blob.Length - 1 - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(blob.Slice(1, NonceBytes), blob[(1 + NonceBytes + TagBytes)..], blob.Slice(1 + NonceBytes, TagBytes), clear, Encoding.UTF8.GetBytes(associatedData));
            return Encoding.UTF8.GetString(clear);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }
}
