using System.Diagnostics.CodeAnalysis;

namespace AxonFlow.Core.Sso;

/// <summary>
/// A validated OpenID Connect relying-party registration: an https issuer without query or fragment, a client id, the
/// scopes (always including <c>openid</c>). The client secret is validated here but travels separately: it is stored
/// encrypted and never returned.
/// </summary>
public sealed record OidcConfiguration(string Issuer, string ClientId, IReadOnlyList<string> Scopes)
{
    public const int MaxClientIdLength = 256;
    public const int MaxClientSecretLength = 1024;

    private static readonly string[] DefaultScopes = ["openid", "email", "profile"];

    /// <param name="input">The submitted values.</param>
    /// <param name="secretStored">Whether a client secret is already stored, so an update may omit it.</param>
    /// <param name="configuration">The validated configuration.</param>
    /// <param name="error">The first problem found.</param>
    public static bool TryCreate(OidcSettingsInput input, bool secretStored, [NotNullWhen(true)] out OidcConfiguration? configuration, [NotNullWhen(false)] out SsoFieldError? error)
    {
        ArgumentNullException.ThrowIfNull(input);
        configuration = null;
        var issuer = input.Issuer?.Trim();
        var clientId = input.ClientId?.Trim();
        var scopes = input.Scopes ?? DefaultScopes;
        error = (issuer, clientId) switch
        {
            (null or { Length: 0 }, _) => new SsoFieldError("oidc.issuer", "is required"),
            _ when HttpsUrl.Problem(issuer, allowQuery: false) is { } problem => new SsoFieldError("oidc.issuer", problem),
            (_, null or { Length: 0 }) => new SsoFieldError("oidc.client_id", "is required"),
            (_, { Length: > MaxClientIdLength }) => new SsoFieldError("oidc.client_id", $"must be at most {MaxClientIdLength} characters"),
            _ when clientId.Any(char.IsControl) => new SsoFieldError("oidc.client_id", "must not contain control characters"),
            _ when input.ClientSecret is null && !secretStored => new SsoFieldError("oidc.client_secret", "is required"),
            _ when input.ClientSecret is { Length: 0 or > MaxClientSecretLength } => new SsoFieldError("oidc.client_secret", $"must be 1-{MaxClientSecretLength} characters"),
            _ when scopes.Count is 0 or > 20 || scopes.Any(s => s.Length is 0 or > 64 || s.Any(c => c is <= ' ' or > '~' or '"' or '\\')) =>
                new SsoFieldError("oidc.scopes", "must be 1-20 scope tokens of printable characters without spaces or quotes"),
            _ when !scopes.Contains("openid", StringComparer.Ordinal) => new SsoFieldError("oidc.scopes", "must include openid"),
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        configuration = new OidcConfiguration(issuer!, clientId!, [.. scopes.Distinct(StringComparer.Ordinal)]);
        return true;
    }
}
