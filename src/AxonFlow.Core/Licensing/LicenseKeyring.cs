using System.Diagnostics.CodeAnalysis;
using NSec.Cryptography;

namespace AxonFlow.Core.Licensing;

/// <summary>
/// The public keys a verifier trusts, by <c>kid</c>. Small and bounded (a current and a next key, not a directory): a
/// token can only select one of these by its <c>kid</c>; it never supplies or fetches a key.
/// </summary>
public sealed class LicenseKeyring
{
    public const int MaxKeys = 16;

    private readonly Dictionary<string, PublicKey> _keys;

    private LicenseKeyring(Dictionary<string, PublicKey> keys) => _keys = keys;

    public static LicenseKeyring Empty { get; } = new(new Dictionary<string, PublicKey>(StringComparer.Ordinal));

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public int Count => _keys.Count;

    public bool TryGet(string kid, [NotNullWhen(true)] out PublicKey? key) => _keys.TryGetValue(kid, out key);

    /// <summary>A keyring of one raw 32-byte public key under <paramref name="kid"/> (default: the key's derived kid).</summary>
    public static bool TryCreate(ReadOnlySpan<byte> publicKey, string? kid, [NotNullWhen(true)] out LicenseKeyring? keyring)
    {
        keyring = null;
        kid ??= LicenseKeyIds.Derive(publicKey);
        if (!LicenseKeyIds.IsValid(kid) || !Ed25519Verifier.TryImportPublicKey(publicKey, out var key))
        {
            return false;
        }

        keyring = new LicenseKeyring(new Dictionary<string, PublicKey>(StringComparer.Ordinal) { [kid] = key });
        return true;
    }

    /// <summary>
    /// Parses <c>kid=base64,kid2=base64</c> (entries separated by ',' or whitespace; a bare <c>base64</c> entry gets its
    /// derived kid). Errors name the entry by position or kid, never echo key material.
    /// </summary>
    public static bool TryParse(string? spec, [NotNullWhen(true)] out LicenseKeyring? keyring, [NotNullWhen(false)] out string? error)
    {
        keyring = null;
        error = null;
        var entries = (spec ?? string.Empty).Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (entries.Length == 0)
        {
            error = "it lists no key (expected kid=base64 entries separated by ',')";
            return false;
        }

        if (entries.Length > MaxKeys)
        {
            error = $"it lists {entries.Length} keys; at most {MaxKeys} are allowed";
            return false;
        }

        var keys = new Dictionary<string, PublicKey>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            var hasKid = separator > 0 && separator < entry.Length - 1 && !entry[(separator + 1)..].All(c => c == '=');
            var kidText = hasKid ? entry[..separator] : null;
            var keyText = hasKid ? entry[(separator + 1)..] : entry;
            if (kidText is not null && !LicenseKeyIds.IsValid(kidText))
            {
                error = $"entry {i + 1} has an invalid kid ({LicenseKeyIds.Description})";
                return false;
            }

            if (!TryDecodePublicKey(keyText, out var raw) || !Ed25519Verifier.TryImportPublicKey(raw, out var key))
            {
                error = $"entry {i + 1}{(kidText is null ? string.Empty : $" ({kidText})")} is not the base64 encoding of a 32-byte Ed25519 public key";
                return false;
            }

            var kid = kidText ?? LicenseKeyIds.Derive(raw);
            if (!keys.TryAdd(kid, key))
            {
                error = $"kid '{kid}' is listed twice";
                return false;
            }
        }

        keyring = new LicenseKeyring(keys);
        return true;
    }

    /// <summary>Standard base64 (as keygen prints it) or base64url; exactly 32 bytes.</summary>
    public static bool TryDecodePublicKey(string text, out byte[] raw)
    {
        raw = [];
        var buffer = new byte[48];
        if (Convert.TryFromBase64String(text, buffer, out var written) && written == Ed25519Verifier.PublicKeyLength)
        {
            raw = buffer[..written];
            return true;
        }

        return Base64UrlStrict.TryDecode(text, out raw) && raw.Length == Ed25519Verifier.PublicKeyLength;
    }
}
