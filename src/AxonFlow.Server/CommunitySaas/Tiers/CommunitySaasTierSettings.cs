using System.Globalization;
using AxonFlow.Core.CommunitySaas;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.CommunitySaas.Tiers;

/// <summary>Daily quotas and the retention sweep of Community SaaS (docs/community-saas-tiers.md).</summary>
public sealed record CommunitySaasTierSettings
{
    /// <summary>
    /// The cap for a caller without a resolved tier (<c>COMMUNITY_SAAS_DAILY_LIMIT</c>, default 200): an org that is not a
    /// registered tenant (no <c>community_saas_tenants</c> row) and presents no license, e.g. one provisioned through
    /// the admin API.
    /// </summary>
    public int FallbackDailyLimit { get; init; } = CommunitySaasTiers.FreeDailyLimit;

    /// <summary>The tier caps are fixed by the product (Free 200, Pro 1,000, Premium 5,000); tests may lower them.</summary>
    public int FreeDailyLimit { get; init; } = CommunitySaasTiers.FreeDailyLimit;

    public int ProDailyLimit { get; init; } = CommunitySaasTiers.ProDailyLimit;

    public int PremiumDailyLimit { get; init; } = CommunitySaasTiers.PremiumDailyLimit;

    /// <summary>Time between retention sweeps (<c>COMMUNITY_SAAS_SWEEP_INTERVAL_MINUTES</c>, default 60).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement (<c>COMMUNITY_SAAS_SWEEP_BATCH_SIZE</c>, default 1000); the sweep loops batch by batch.</summary>
    public int SweepBatchSize { get; init; } = 1000;

    public int DailyLimit(CommunitySaasTier? tier) => tier switch
    {
        null => FallbackDailyLimit,
        CommunitySaasTier.Free => FreeDailyLimit,
        CommunitySaasTier.Pro => ProDailyLimit,
        CommunitySaasTier.Premium => PremiumDailyLimit,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };

    internal static CommunitySaasTierSettings Read(Func<string, string?> value, List<string> errors) => new()
    {
        FallbackDailyLimit = ReadWhole(value, SettingNames.CommunitySaasDailyLimit, CommunitySaasTiers.FreeDailyLimit, 1, 100_000_000, "events", errors),
        SweepInterval = TimeSpan.FromMinutes(ReadWhole(value, SettingNames.CommunitySaasSweepIntervalMinutes, 60, 1, 7 * 24 * 60, "minutes", errors)),
        SweepBatchSize = ReadWhole(value, SettingNames.CommunitySaasSweepBatchSize, 1000, 1, 100_000, "rows", errors),
    };

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
