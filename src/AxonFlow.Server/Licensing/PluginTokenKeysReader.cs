using AxonFlow.Core.Licensing;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Licensing;

/// <summary>
/// Builds <see cref="PluginTokenKeys"/> from <c>AXONFLOW_PLUGIN_CLAIMED_PUBLIC_KEY</c> (preferred: verifier-only) or
/// <c>AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY</c> (public key derived from the seed). Errors name the variable, never its value.
/// </summary>
internal static class PluginTokenKeysReader
{
    public static PluginTokenKeys Read(Func<string, string?> value, List<string> errors)
    {
        var publicText = value(SettingNames.PluginClaimedPublicKey);
        var seedText = value(SettingNames.PluginClaimedSigningKey);
        byte[]? publicKey = null;
        if (publicText is not null && !LicenseKeyring.TryDecodePublicKey(publicText, out publicKey))
        {
            errors.Add($"{SettingNames.PluginClaimedPublicKey} must be the base64 encoding of a 32-byte Ed25519 public key.");
            return PluginTokenKeys.None;
        }

        LicenseSigningKey? signingKey = null;
        if (seedText is not null && !(TryDecodeSeed(seedText, out var seed) && LicenseSigningKey.TryFromSeed(seed, null, out signingKey)))
        {
            errors.Add($"{SettingNames.PluginClaimedSigningKey} must be the base64 encoding of a 32-byte Ed25519 seed.");
            return PluginTokenKeys.None;
        }

        if (publicKey is not null && signingKey is not null && !publicKey.AsSpan().SequenceEqual(signingKey.PublicKey))
        {
            errors.Add($"{SettingNames.PluginClaimedPublicKey} is not the public key of {SettingNames.PluginClaimedSigningKey}; set only the public key on verifying agents.");
            signingKey.Dispose();
            return PluginTokenKeys.None;
        }

        var verifying = publicKey ?? signingKey?.PublicKey;
        if (verifying is null)
        {
            return PluginTokenKeys.None;
        }

        if (!LicenseKeyring.TryCreate(verifying, null, out var keyring))
        {
            errors.Add($"{(publicKey is null ? SettingNames.PluginClaimedSigningKey : SettingNames.PluginClaimedPublicKey)} does not hold a usable Ed25519 key.");
            signingKey?.Dispose();
            return PluginTokenKeys.None;
        }

        // Verifier-only means exactly that: no seed in this process. With both set (and matching), the seed is held for minting.
        return new PluginTokenKeys(keyring, signingKey is null ? PluginKeyPosture.VerifierOnly : PluginKeyPosture.SigningSeed, signingKey);
    }

    private static bool TryDecodeSeed(string text, out byte[] seed)
    {
        var buffer = new byte[48];
        if (Convert.TryFromBase64String(text, buffer, out var written) && written == LicenseSigningKey.SeedLength)
        {
            seed = buffer[..written];
            return true;
        }

        return Base64UrlStrict.TryDecode(text, out seed) && seed.Length == LicenseSigningKey.SeedLength;
    }
}
