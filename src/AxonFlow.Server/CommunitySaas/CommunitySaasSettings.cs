using System.Globalization;
using AxonFlow.Core.Identity;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.CommunitySaas;

/// <summary>Registration and authentication limits of <c>DEPLOYMENT_MODE=community-saas</c> (docs/community-saas.md).</summary>
public sealed record CommunitySaasSettings
{
    /// <summary>The endpoint a new tenant is told to call when <c>AXONFLOW_PUBLIC_URL</c> is unset (development only).</summary>
    public const string DevelopmentPublicUrl = "http://localhost:8080";

    /// <summary>Registrations per client address per hour (<c>COMMUNITY_SAAS_REGISTER_PER_IP_PER_HOUR</c>, default 5).</summary>
    public int RegistrationsPerIpPerHour { get; init; } = 5;

    /// <summary>Requests per presented tenant id per minute, counted before any hash work (<c>COMMUNITY_SAAS_MINUTE_LIMIT</c>, default 200).</summary>
    public int RequestsPerCredentialPerMinute { get; init; } = 200;

    /// <summary>The public base URL returned as <c>endpoint</c> on registration (<c>AXONFLOW_PUBLIC_URL</c>); never the Host header.</summary>
    public string PublicUrl { get; init; } = DevelopmentPublicUrl;

    internal static CommunitySaasSettings Read(Func<string, string?> value, DeploymentMode mode, DeploymentKind kind, List<string> errors)
    {
        var publicUrl = value(SettingNames.PublicUrl);
        if (publicUrl is null && mode == DeploymentMode.CommunitySaas && kind == DeploymentKind.Production)
        {
            errors.Add($"{SettingNames.PublicUrl} is required when {SettingNames.DeploymentMode}=community-saas and {SettingNames.DeploymentKind}=production (registration tells tenants where to call).");
        }

        return new CommunitySaasSettings
        {
            RegistrationsPerIpPerHour = ReadWhole(value, SettingNames.CommunitySaasRegisterPerIpPerHour, 5, errors),
            RequestsPerCredentialPerMinute = ReadWhole(value, SettingNames.CommunitySaasMinuteLimit, 200, errors),
            PublicUrl = publicUrl is null ? DevelopmentPublicUrl : ReadUrl(publicUrl, errors),
        };
    }

    private static string ReadUrl(string text, List<string> errors)
    {
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && string.IsNullOrEmpty(uri.Query)
            && string.IsNullOrEmpty(uri.Fragment)
            && string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }

        errors.Add($"{SettingNames.PublicUrl} must be an absolute http(s) URL without query, fragment or credentials, but was '{Printable(text)}'.");
        return DevelopmentPublicUrl;
    }

    private static int ReadWhole(Func<string, string?> value, string name, int defaultValue, List<string> errors)
    {
        var text = value(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= 1_000_000)
        {
            return parsed;
        }

        errors.Add($"{name} must be a whole number from 1 to 1000000, but was '{Printable(text)}'.");
        return defaultValue;
    }

    private static string Printable(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
