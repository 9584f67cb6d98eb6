using AxonFlow.Core.Sso;

namespace AxonFlow.Server.Portal.Sso;

/// <summary>An org's SSO settings as the portal shows them. The OIDC client secret is never included, only whether one is set.</summary>
internal sealed record SsoSettingsView(bool Configured, string? Protocol, bool Enabled, SamlSettingsView? Saml, OidcSettingsView? Oidc, string? UpdatedBy, DateTimeOffset? UpdatedAt)
{
    public static SsoSettingsView NotConfigured { get; } = new(false, null, false, null, null, null, null);
}

internal sealed record SamlSettingsView(string EntityId, string SsoUrl, string? MetadataUrl, string CertificatePem, CertificateSummary Certificate);

internal sealed record OidcSettingsView(string Issuer, string ClientId, IReadOnlyList<string> Scopes, bool ClientSecretSet);
