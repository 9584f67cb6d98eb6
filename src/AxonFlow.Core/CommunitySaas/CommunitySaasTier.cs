using AxonFlow.Core.Licensing;

namespace AxonFlow.Core.CommunitySaas;

/// <summary>
/// The tier a Community SaaS request runs at: Free without <c>X-License-Token</c>, Pro or Premium with a valid token and
/// an active <c>plugin_user_licenses</c> row. The tier fixes the daily event quota and the audit retention.
/// </summary>
public enum CommunitySaasTier
{
    Free,
    Pro,
    Premium,
}

public static class CommunitySaasTiers
{
    public const int FreeDailyLimit = 200;
    public const int ProDailyLimit = 1_000;
    public const int PremiumDailyLimit = 5_000;

    public static IReadOnlyList<CommunitySaasTier> All { get; } = [CommunitySaasTier.Free, CommunitySaasTier.Pro, CommunitySaasTier.Premium];

    /// <summary>The name on the wire, in telemetry and in <c>plugin_user_licenses.tier</c>: <c>free</c>, <c>pro</c>, <c>premium</c>.</summary>
    public static string ToWireName(this CommunitySaasTier tier) => tier switch
    {
        CommunitySaasTier.Free => "free",
        CommunitySaasTier.Pro => "pro",
        CommunitySaasTier.Premium => "premium",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    /// <summary>Governed requests per UTC day: Free 200, Pro 1,000, Premium 5,000.</summary>
    public static int DefaultDailyLimit(this CommunitySaasTier tier) => tier switch
    {
        CommunitySaasTier.Free => FreeDailyLimit,
        CommunitySaasTier.Pro => ProDailyLimit,
        CommunitySaasTier.Premium => PremiumDailyLimit,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    /// <summary>How long audit rows are kept: Free 3 days, Pro 30 days, Premium 90 days.</summary>
    public static TimeSpan AuditRetention(this CommunitySaasTier tier) => tier switch
    {
        CommunitySaasTier.Free => TimeSpan.FromDays(3),
        CommunitySaasTier.Pro => TimeSpan.FromDays(30),
        CommunitySaasTier.Premium => TimeSpan.FromDays(90),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    /// <summary>The paid tier a plugin license token carries; false for any other license tier (it grants nothing here).</summary>
    public static bool TryFromLicense(LicenseTier licenseTier, out CommunitySaasTier tier)
    {
        switch (licenseTier)
        {
            case LicenseTier.Pro:
                tier = CommunitySaasTier.Pro;
                return true;
            case LicenseTier.Premium:
                tier = CommunitySaasTier.Premium;
                return true;
            default:
                tier = CommunitySaasTier.Free;
                return false;
        }
    }
}
