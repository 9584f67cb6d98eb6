using AxonFlow.Core.Licensing;

namespace AxonFlow.Server.Licensing;

/// <summary>How this agent holds the key for plugin license tokens (<c>X-License-Token</c>).</summary>
public enum PluginKeyPosture
{
    /// <summary>Neither variable is set: every presented token is refused (no key to verify it with).</summary>
    None,

    /// <summary>Only <c>AXONFLOW_PLUGIN_CLAIMED_PUBLIC_KEY</c> is set: the agent verifies and never holds the signing seed.</summary>
    VerifierOnly,

    /// <summary><c>AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY</c> is set: the agent holds the seed (public key derived from it, or checked against the configured one) and can also mint.</summary>
    SigningSeed,
}

/// <summary>The keyring plugin tokens are verified with, and the signing key only when the seed was configured.</summary>
public sealed class PluginTokenKeys(LicenseKeyring keyring, PluginKeyPosture posture, LicenseSigningKey? signingKey = null)
{
    public static PluginTokenKeys None { get; } = new(LicenseKeyring.Empty, PluginKeyPosture.None);

    public LicenseKeyring Keyring { get; } = keyring;

    public PluginKeyPosture Posture { get; } = posture;

    /// <summary>For a minting service (Community SaaS checkout); null in the verifier-only posture.</summary>
    public LicenseSigningKey? SigningKey { get; } = signingKey;

    public override string ToString() => $"PluginTokenKeys {{ Posture = {Posture}, Kids = {string.Join(',', Keyring.KeyIds)} }}";
}
