using System.Text.Json;
using AxonFlow.Core.Credentials;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Sso;
using AxonFlow.Postgres.Portal;

namespace AxonFlow.Server.Portal.Sso;

/// <summary>
/// Validates and stores an org's SSO settings. SAML: entityID, https SSO URL, an X.509 signing certificate (explicit, or
/// read from pasted metadata). OIDC: https issuer, client id, scopes, and a client secret kept encrypted (AES-256-GCM,
/// bound to the org) because the login flow will need it in clear; it is never returned by the API.
/// </summary>
internal sealed class SsoSettingsService(SsoSettingsStore store, SecretProtector protector, TimeProvider timeProvider)
{
    public const string Saml = "saml";
    public const string Oidc = "oidc";

    private static readonly JsonSerializerOptions StorageJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<SsoSettingsView> GetAsync(OrgId org, CancellationToken cancellationToken) =>
        await store.GetAsync(org, cancellationToken) is { } stored ? View(stored) : SsoSettingsView.NotConfigured;

    /// <summary>The settings saved, or the first field that is wrong.</summary>
    public async Task<(SsoSettingsView? Saved, SsoFieldError? Error)> SaveAsync(OrgId org, SsoSettingsRequest request, string updatedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = timeProvider.GetUtcNow();
        var protocol = request.Protocol?.Trim().ToLowerInvariant();
        string configJson;
        byte[]? cipher = null;
        switch (protocol)
        {
            case Saml:
                var saml = request.Saml ?? new SamlSettingsBody(null, null, null, null, null);
                if (!SamlConfiguration.TryCreate(new SamlSettingsInput(saml.MetadataUrl, saml.MetadataXml, saml.EntityId, saml.SsoUrl, saml.Certificate), now, out var samlConfig, out var samlError))
                {
                    return (null, samlError);
                }

                configJson = JsonSerializer.Serialize(new SamlSettingsView(samlConfig.EntityId, samlConfig.SsoUrl, samlConfig.MetadataUrl, samlConfig.CertificatePem, samlConfig.Certificate), StorageJson);
                break;
            case Oidc:
                var oidc = request.Oidc ?? new OidcSettingsBody(null, null, null, null);
                var existing = await store.GetAsync(org, cancellationToken);
                var storedSecret = existing is { Protocol: Oidc, ClientSecretCipher: { } kept } ? kept : null;
                if (!OidcConfiguration.TryCreate(new OidcSettingsInput(oidc.Issuer, oidc.ClientId, oidc.ClientSecret, oidc.Scopes), storedSecret is not null, out var oidcConfig, out var oidcError))
                {
                    return (null, oidcError);
                }

                cipher = oidc.ClientSecret is { } secret ? protector.Protect(secret, SecretContext(org)) : storedSecret;
                configJson = JsonSerializer.Serialize(new StoredOidc(oidcConfig.Issuer, oidcConfig.ClientId, oidcConfig.Scopes), StorageJson);
                break;
            default:
                return (null, new SsoFieldError("protocol", $"must be {Saml} or {Oidc}"));
        }

        var row = new StoredSsoSettings(protocol, request.Enabled ?? true, configJson, cipher, updatedBy, now);
        await store.SaveAsync(org, row, cancellationToken);
        return (View(row), null);
    }

    public Task<bool> DeleteAsync(OrgId org, CancellationToken cancellationToken) => store.DeleteAsync(org, cancellationToken);

    /// <summary>The OIDC client secret in clear, for the service's own use at login; null when none is stored or it does not decrypt.</summary>
    public async Task<string?> RevealClientSecretAsync(OrgId org, CancellationToken cancellationToken) =>
        await store.GetAsync(org, cancellationToken) is { Protocol: Oidc, ClientSecretCipher: { } cipher }
            ? protector.Unprotect(cipher, SecretContext(org))
            : null;

    private static string SecretContext(OrgId org) => "portal_sso_settings.oidc_client_secret:" + org.Value;

    private static SsoSettingsView View(StoredSsoSettings stored) => stored.Protocol switch
    {
        Saml => new SsoSettingsView(true, Saml, stored.Enabled, JsonSerializer.Deserialize<SamlSettingsView>(stored.ConfigJson, StorageJson), null, stored.UpdatedBy, stored.UpdatedAt),
        _ => new SsoSettingsView(true, Oidc, stored.Enabled, null, ToView(JsonSerializer.Deserialize<StoredOidc>(stored.ConfigJson, StorageJson)!, stored.ClientSecretCipher is not null), stored.UpdatedBy, stored.UpdatedAt),
    };

    private static OidcSettingsView ToView(StoredOidc oidc, bool secretSet) => new(oidc.Issuer, oidc.ClientId, oidc.Scopes, secretSet);

    private sealed record StoredOidc(string Issuer, string ClientId, IReadOnlyList<string> Scopes);
}
