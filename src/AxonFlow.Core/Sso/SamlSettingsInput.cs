namespace AxonFlow.Core.Sso;

/// <summary>SAML settings as submitted: metadata XML, or the entityID, SSO URL and signing certificate given one by one.</summary>
public sealed record SamlSettingsInput(string? MetadataUrl, string? MetadataXml, string? EntityId, string? SsoUrl, string? Certificate);
