using System.Globalization;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Portal;

/// <summary>Session lifetimes and login limits of the customer portal (docs/portal.md).</summary>
public sealed record PortalSettings
{
    /// <summary>A session unused this long ends (<c>AXONFLOW_PORTAL_SESSION_IDLE_MINUTES</c>, default 30).</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after login however much it is used (<c>AXONFLOW_PORTAL_SESSION_ABSOLUTE_HOURS</c>, default 12).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Login attempts per minute from one client address (<c>AXONFLOW_PORTAL_LOGIN_IP_LIMIT</c>, default 20).</summary>
    public int LoginAttemptsPerIpPerMinute { get; init; } = 20;

    /// <summary>Login attempts per 15 minutes for one email, counted per node (<c>AXONFLOW_PORTAL_LOGIN_ACCOUNT_LIMIT</c>, default 10).</summary>
    public int LoginAttemptsPerAccount { get; init; } = 10;

    internal static PortalSettings Read(Func<string, string?> value, List<string> errors)
    {
        var idle = ReadWhole(value, SettingNames.PortalSessionIdleMinutes, 30, 1, 24 * 60, "minutes", errors);
        var absolute = ReadWhole(value, SettingNames.PortalSessionAbsoluteHours, 12, 1, 30 * 24, "hours", errors);
        if (TimeSpan.FromMinutes(idle) > TimeSpan.FromHours(absolute))
        {
            errors.Add($"{SettingNames.PortalSessionIdleMinutes} ({idle}) must not exceed {SettingNames.PortalSessionAbsoluteHours} ({absolute} h).");
        }

        return new PortalSettings
        {
            SessionIdleTimeout = TimeSpan.FromMinutes(idle),
            SessionLifetime = TimeSpan.FromHours(absolute),
            LoginAttemptsPerIpPerMinute = ReadWhole(value, SettingNames.PortalLoginIpLimit, 20, 1, 100_000, "attempts", errors),
            LoginAttemptsPerAccount = ReadWhole(value, SettingNames.PortalLoginAccountLimit, 10, 1, 100_000, "attempts", errors),
        };
    }

    private static int ReadWhole(Func<string, string?> value, string name, int defaultValue, int min, int max, string unit, List<string> errors)
    {
        var text = value(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        errors.Add($"{name} must be a whole number of {unit} from {min} to {max}, but was '{(text.Length > 64 ? text[..64] + "…" : text)}'.");
        return defaultValue;
    }
}
