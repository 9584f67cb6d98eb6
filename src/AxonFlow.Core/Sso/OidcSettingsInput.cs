namespace AxonFlow.Core.Sso;

/// <summary>OIDC settings as submitted; a missing client secret on an update keeps the stored one.</summary>
public sealed record OidcSettingsInput(string? Issuer, string? ClientId, string? ClientSecret, IReadOnlyList<string>? Scopes);
