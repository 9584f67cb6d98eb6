using System.Text;
using AxonFlow.Core.Credentials;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.CommunitySaas.SelfService;

/// <summary>
/// Settings of credential recovery and GDPR erasure (docs/community-saas-recovery-erasure.md): the token peppers and the
/// Stripe customer deletion. Emailed links start with the deployment's public URL
/// (<see cref="CommunitySaasSettings.PublicUrl"/>, <c>AXONFLOW_PUBLIC_URL</c>), never with the request's Host header.
/// </summary>
public sealed record SelfServiceSettings
{
    public const string DefaultStripeApiBaseUrl = "https://api.stripe.com";

    /// <summary>Pepper of recovery-token hashes (<c>AXONFLOW_RECOVERY_TOKEN_PEPPER</c>); null derives one from the credential hash key.</summary>
    public string? RecoveryTokenPepper { get; init; }

    /// <summary>Pepper of erasure-token hashes (<c>AXONFLOW_TENANT_DELETE_TOKEN_PEPPER</c>); null derives one from the credential hash key.</summary>
    public string? TenantDeleteTokenPepper { get; init; }

    /// <summary>Stripe secret key for the best-effort customer deletion (<c>STRIPE_SECRET_KEY</c>); null skips it.</summary>
    public string? StripeSecretKey { get; init; }

    /// <summary>Stripe API base URL (<c>AXONFLOW_STRIPE_API_BASE_URL</c>; tests point it at a loopback fake).</summary>
    public Uri StripeApiBaseUrl { get; init; } = new(DefaultStripeApiBaseUrl);

    public override string ToString() =>
        $"SelfServiceSettings {{ RecoveryPepper = {RecoveryTokenPepper is not null}, DeletePepper = {TenantDeleteTokenPepper is not null}, Stripe = {StripeSecretKey is not null} }}";

    internal static SelfServiceSettings Read(Func<string, string?> value, List<string> errors)
    {
        var stripeUrl = ReadBaseUrl(value, SettingNames.StripeApiBaseUrl, DefaultStripeApiBaseUrl, errors);
        return new SelfServiceSettings
        {
            RecoveryTokenPepper = ReadPepper(value, SettingNames.RecoveryTokenPepper, errors),
            TenantDeleteTokenPepper = ReadPepper(value, SettingNames.TenantDeleteTokenPepper, errors),
            StripeSecretKey = value(SettingNames.StripeSecretKey),
            StripeApiBaseUrl = new Uri(stripeUrl + "/"),
        };
    }

    private static string ReadBaseUrl(Func<string, string?> value, string name, string defaultValue, List<string> errors)
    {
        var text = value(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo))
        {
            return text.TrimEnd('/');
        }

        errors.Add($"{name} must be an absolute http(s) URL without query, fragment or credentials, but was '{(text.Length > 64 ? text[..64] + "…" : text)}'.");
        return defaultValue;
    }

    private static string? ReadPepper(Func<string, string?> value, string name, List<string> errors)
    {
        var text = value(name);
        if (text is not null && Encoding.UTF8.GetByteCount(text) < CredentialHasher.MinimumKeyBytes)
        {
            errors.Add($"{name} must be at least {CredentialHasher.MinimumKeyBytes} characters, but was {text.Length}.");
            return null;
        }

        return text;
    }
}
