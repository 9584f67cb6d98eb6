namespace AxonFlow.Server.Portal.Sso;

/// <summary><c>PUT /api/v1/portal/sso</c>: one protocol at a time; the section for the other protocol is ignored.</summary>
internal sealed record SsoSettingsRequest(string? Protocol, bool? Enabled, SamlSettingsBody? Saml, OidcSettingsBody? Oidc);

internal sealed record SamlSettingsBody(string? MetadataUrl, string? MetadataXml, string? EntityId, string? SsoUrl, string? Certificate);

internal sealed record OidcSettingsBody(string? Issuer, string? ClientId, string? ClientSecret, IReadOnlyList<string>? Scopes)
{
    public override string ToString() => $"OidcSettingsBody {{ Issuer = {Issuer}, ClientId = {ClientId} }}";
}
