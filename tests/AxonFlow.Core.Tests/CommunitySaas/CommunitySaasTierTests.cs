using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Licensing;

namespace AxonFlow.Core.Tests.CommunitySaas;

public sealed class CommunitySaasTierTests
{
    [Theory]
    [InlineData(CommunitySaasTier.Free, "free", 200, 3)]
    [InlineData(CommunitySaasTier.Pro, "pro", 1_000, 30)]
    [InlineData(CommunitySaasTier.Premium, "premium", 5_000, 90)]
    public void Tier_HasItsWireNameQuotaAndRetention(CommunitySaasTier tier, string name, int dailyLimit, int retentionDays)
    {
        Assert.Equal(name, tier.ToWireName());
        Assert.Equal(dailyLimit, tier.DefaultDailyLimit());
        Assert.Equal(TimeSpan.FromDays(retentionDays), tier.AuditRetention());
    }

    [Theory]
    [InlineData(LicenseTier.Pro, true, CommunitySaasTier.Pro)]
    [InlineData(LicenseTier.Premium, true, CommunitySaasTier.Premium)]
    [InlineData(LicenseTier.Enterprise, false, CommunitySaasTier.Free)]
    [InlineData(LicenseTier.Professional, false, CommunitySaasTier.Free)]
    public void TryFromLicense_OnlyPaidPluginTiersGrantATier(LicenseTier licenseTier, bool grants, CommunitySaasTier expected)
    {
        Assert.Equal(grants, CommunitySaasTiers.TryFromLicense(licenseTier, out var tier));
        Assert.Equal(expected, tier);
    }

    [Fact]
    public void Window_CountsInTheUtcDay_AndResetsAtTheNextUtcMidnight()
    {
        var window = DailyQuotaWindow.At(new DateTimeOffset(2026, 12, 1, 23, 59, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 12, 1), window.Day);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), window.ResetAt);
        Assert.Equal(60, window.RetryAfterSeconds);
    }

    [Fact]
    public void Window_OfAnOffsetTime_IsTheUtcDay()
    {
        var window = DailyQuotaWindow.At(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.FromHours(3)));

        Assert.Equal(new DateOnly(2026, 12, 1), window.Day);
        Assert.Equal(2 * 3600, window.RetryAfterSeconds);
    }

    [Fact]
    public void Window_AtTheLastFractionOfADay_WaitsAtLeastOneSecond()
    {
        var window = DailyQuotaWindow.At(new DateTimeOffset(2026, 12, 1, 23, 59, 59, 999, TimeSpan.Zero));

        Assert.Equal(1, window.RetryAfterSeconds);
    }
}
