using AxonFlow.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace AxonFlow.IntegrationTests.Portal;

/// <summary>The portal's environment variables: sane defaults, and every bad value named at boot.</summary>
public sealed class PortalSettingsTests
{
    private static AxonFlowSettings Read(params (string Key, string? Value)[] values) =>
        SettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build(), "/tmp/axonflow-portal-settings-test");

    [Fact]
    public void Read_Nothing_GivesThirtyMinutesIdleTwelveHoursAbsoluteAndTheLoginLimits()
    {
        var portal = Read().Portal;

        Assert.Equal(TimeSpan.FromMinutes(30), portal.SessionIdleTimeout);
        Assert.Equal(TimeSpan.FromHours(12), portal.SessionLifetime);
        Assert.Equal(20, portal.LoginAttemptsPerIpPerMinute);
        Assert.Equal(10, portal.LoginAttemptsPerAccount);
    }

    [Fact]
    public void Read_Values_AreUsed()
    {
        var portal = Read(
            ("AXONFLOW_PORTAL_SESSION_IDLE_MINUTES", "15"),
            ("AXONFLOW_PORTAL_SESSION_ABSOLUTE_HOURS", "8"),
            ("AXONFLOW_PORTAL_LOGIN_IP_LIMIT", "50"),
            ("AXONFLOW_PORTAL_LOGIN_ACCOUNT_LIMIT", "5")).Portal;

        Assert.Equal(TimeSpan.FromMinutes(15), portal.SessionIdleTimeout);
        Assert.Equal(TimeSpan.FromHours(8), portal.SessionLifetime);
        Assert.Equal(50, portal.LoginAttemptsPerIpPerMinute);
        Assert.Equal(5, portal.LoginAttemptsPerAccount);
    }

    [Theory]
    [InlineData("AXONFLOW_PORTAL_SESSION_IDLE_MINUTES", "0", "AXONFLOW_PORTAL_SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 1440, but was '0'.")]
    [InlineData("AXONFLOW_PORTAL_SESSION_ABSOLUTE_HOURS", "forever", "AXONFLOW_PORTAL_SESSION_ABSOLUTE_HOURS must be a whole number of hours from 1 to 720, but was 'forever'.")]
    [InlineData("AXONFLOW_PORTAL_LOGIN_IP_LIMIT", "-1", "AXONFLOW_PORTAL_LOGIN_IP_LIMIT must be a whole number of attempts from 1 to 100000, but was '-1'.")]
    [InlineData("AXONFLOW_PORTAL_LOGIN_ACCOUNT_LIMIT", "0", "AXONFLOW_PORTAL_LOGIN_ACCOUNT_LIMIT must be a whole number of attempts from 1 to 100000, but was '0'.")]
    public void Read_InvalidValue_NamesTheVariable(string name, string value, string message)
    {
        var error = Assert.Throws<SettingsException>(() => Read((name, value)));

        Assert.Contains(message, error.Errors);
    }

    [Fact]
    public void Read_IdleLongerThanTheAbsoluteLifetime_IsRefused()
    {
        var error = Assert.Throws<SettingsException>(() => Read(("AXONFLOW_PORTAL_SESSION_IDLE_MINUTES", "120"), ("AXONFLOW_PORTAL_SESSION_ABSOLUTE_HOURS", "1")));

        Assert.Contains("AXONFLOW_PORTAL_SESSION_IDLE_MINUTES (120) must not exceed AXONFLOW_PORTAL_SESSION_ABSOLUTE_HOURS (1 h).", error.Errors);
    }
}
