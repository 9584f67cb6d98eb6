using AxonFlow.Core.CommunitySaas;
using AxonFlow.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace AxonFlow.IntegrationTests.CommunitySaas.Tiers;

public sealed class CommunitySaasTierSettingsTests
{
    private static AxonFlowSettings Read(params (string Key, string? Value)[] values) =>
        SettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(), "/tmp/axonflow-tier-settings-test");

    [Fact]
    public void Read_Nothing_IsTheProductDefaults()
    {
        var tiers = Read().CommunitySaasTiers;

        Assert.Equal(200, tiers.FallbackDailyLimit);
        Assert.Equal(200, tiers.DailyLimit(CommunitySaasTier.Free));
        Assert.Equal(1_000, tiers.DailyLimit(CommunitySaasTier.Pro));
        Assert.Equal(5_000, tiers.DailyLimit(CommunitySaasTier.Premium));
        Assert.Equal(200, tiers.DailyLimit(null));
        Assert.Equal(TimeSpan.FromHours(1), tiers.SweepInterval);
        Assert.Equal(1000, tiers.SweepBatchSize);
    }

    [Fact]
    public void Read_Values_SetTheFallbackCapAndTheSweep()
    {
        var tiers = Read(("COMMUNITY_SAAS_DAILY_LIMIT", "50"), ("COMMUNITY_SAAS_SWEEP_INTERVAL_MINUTES", "15"), ("COMMUNITY_SAAS_SWEEP_BATCH_SIZE", "250")).CommunitySaasTiers;

        Assert.Equal(50, tiers.DailyLimit(null));
        Assert.Equal(200, tiers.DailyLimit(CommunitySaasTier.Free));
        Assert.Equal(TimeSpan.FromMinutes(15), tiers.SweepInterval);
        Assert.Equal(250, tiers.SweepBatchSize);
    }

    [Theory]
    [InlineData("COMMUNITY_SAAS_DAILY_LIMIT", "0", "COMMUNITY_SAAS_DAILY_LIMIT must be a whole number of events from 1 to 100000000, but was '0'.")]
    [InlineData("COMMUNITY_SAAS_DAILY_LIMIT", "lots", "COMMUNITY_SAAS_DAILY_LIMIT must be a whole number of events from 1 to 100000000, but was 'lots'.")]
    [InlineData("COMMUNITY_SAAS_SWEEP_INTERVAL_MINUTES", "-5", "COMMUNITY_SAAS_SWEEP_INTERVAL_MINUTES must be a whole number of minutes from 1 to 10080, but was '-5'.")]
    [InlineData("COMMUNITY_SAAS_SWEEP_BATCH_SIZE", "1000000", "COMMUNITY_SAAS_SWEEP_BATCH_SIZE must be a whole number of rows from 1 to 100000, but was '1000000'.")]
    public void Read_BadValue_NamesTheVariable(string key, string value, string expected)
    {
        var error = Assert.Throws<SettingsException>(() => Read((key, value)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
