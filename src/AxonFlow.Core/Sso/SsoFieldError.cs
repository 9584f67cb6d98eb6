namespace AxonFlow.Core.Sso;

/// <summary>Why an SSO setting was refused: the wire name of the field (e.g. <c>saml.sso_url</c>) and the full message.</summary>
public sealed record SsoFieldError(string Field, string Problem)
{
    public string Message => $"{Field} {Problem}";
}
