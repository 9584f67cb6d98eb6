using System.Diagnostics.CodeAnalysis;
using NSec.Cryptography;

namespace AxonFlow.Core.Licensing;

/// <summary>
/// An issuer's Ed25519 private key and its <c>kid</c>. Only the license CLI and a token-minting service hold one; a
/// verifier never needs it. The seed is exportable only to write the key file once.
/// </summary>
public sealed class LicenseSigningKey : IDisposable
{
    public const int SeedLength = 32;

    private readonly Key _key;

    private LicenseSigningKey(Key key, string? kid)
    {
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        Kid = kid ?? LicenseKeyIds.Derive(PublicKey);
    }

    public string Kid { get; }

    /// <summary>The raw 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    public static LicenseSigningKey Generate(string? kid = null)
    {
        ThrowIfInvalidKid(kid);
        return new LicenseSigningKey(
            Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }),
            kid);
    }

    /// <summary>Imports a 32-byte seed; false (never an exception) when it is not one.</summary>
    public static bool TryFromSeed(ReadOnlySpan<byte> seed, string? kid, [NotNullWhen(true)] out LicenseSigningKey? signingKey)
    {
        signingKey = null;
        if (seed.Length != SeedLength || (kid is not null && !LicenseKeyIds.IsValid(kid)))
        {
            return false;
        }

        if (!Key.TryImport(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, out var key, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport })
            || key is null)
        {
            return false;
        }

        signingKey = new LicenseSigningKey(key, kid);
        return true;
    }

    public byte[] ExportSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    /// <summary>A keyring holding just this key's public half, under its kid.</summary>
    public LicenseKeyring ToKeyring() =>
        LicenseKeyring.TryCreate(PublicKey, Kid, out var keyring) ? keyring : throw new InvalidOperationException("A generated key always imports.");

    public void Dispose() => _key.Dispose();

    public override string ToString() => $"LicenseSigningKey {{ Kid = {Kid} }}";

    private static void ThrowIfInvalidKid(string? kid)
    {
        if (kid is not null && !LicenseKeyIds.IsValid(kid))
        {
            throw new ArgumentException($"'{kid}' is not a valid kid: {LicenseKeyIds.Description}.", nameof(kid));
        }
    }
}
