using NSec.Cryptography;

namespace AxonFlow.Core.Licensing;

/// <summary>
/// The one place signatures are checked (NSec / libsodium, which enforces S &lt; L and canonical encodings). Wrong lengths
/// are refused before the library is called; nothing here throws for bad input.
/// </summary>
public static class Ed25519Verifier
{
    public const int PublicKeyLength = 32;

    public const int SignatureLength = 64;

    public static bool Verify(PublicKey publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return signature.Length == SignatureLength && SignatureAlgorithm.Ed25519.Verify(publicKey, message, signature);
    }

    /// <summary>Verifies against a raw 32-byte public key; a key that does not import is a failed verification.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        TryImportPublicKey(publicKey, out var key) && Verify(key, message, signature);

    public static bool TryImportPublicKey(ReadOnlySpan<byte> raw, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PublicKey? key)
    {
        key = null;
        return raw.Length == PublicKeyLength && PublicKey.TryImport(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey, out key) && key is not null;
    }
}
