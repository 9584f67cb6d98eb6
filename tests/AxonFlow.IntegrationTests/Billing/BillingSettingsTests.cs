using AxonFlow.IntegrationTests.Licensing;
using AxonFlow.Server.Billing;
using Microsoft.Extensions.Time.Testing;

namespace AxonFlow.IntegrationTests.Billing;

/// <summary>Billing settings at boot: the secret needs the signing seed, bad values fail or fall back as documented.</summary>
public sealed class BillingSettingsTests
{
    private static readonly FakeTimeProvider Clock = new(BillingHost.Start);

    [Fact]
    public void TheWebhookSecretWithoutTheSigningSeed_RefusesBoot_InCommunitySaas()
    {
        var failure = TestLicenses.ReadFails(
            Clock,
            ("DEPLOYMENT_MODE", "community-saas"),
            ("STRIPE_WEBHOOK_SIGNING_SECRET", BillingHost.Secret),
            ("AXONFLOW_PLUGIN_CLAIMED_PUBLIC_KEY", TestLicenses.PluginPublicKey));

        var line = Assert.Single(failure.Errors);
        Assert.StartsWith("STRIPE_WEBHOOK_SIGNING_SECRET is set but AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY is not", line, StringComparison.Ordinal);
        Assert.DoesNotContain(BillingHost.Secret, line, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWebhookSecretWithTheSeed_Boots_WithTheDefaults()
    {
        var settings = TestLicenses.Read(
            Clock,
            ("DEPLOYMENT_MODE", "community-saas"),
            ("STRIPE_WEBHOOK_SIGNING_SECRET", BillingHost.Secret),
            ("AXONFLOW_PLUGIN_CLAIMED_SIGNING_KEY", TestLicenses.PluginSeed));

        Assert.Equal(BillingHost.Secret, settings.Billing.WebhookSigningSecret);
        Assert.Equal(60, settings.Billing.RatePerMinute);
        Assert.Equal(90, settings.Billing.ProValidityDays);
        Assert.Equal(BillingSettings.DefaultFromEmail, settings.Billing.FromEmail);
        Assert.True(settings.Billing.AllowList.Allows("54.187.216.72"));
        Assert.False(settings.Billing.AllowList.Allows("127.0.0.1"));
        Assert.NotNull(settings.PluginTokenKeys.SigningKey);
        Assert.DoesNotContain(BillingHost.Secret, settings.Billing.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("ninety")]
    [InlineData("99999")]
    public void ABadValidity_FallsBackTo90_WithAWarning(string days)
    {
        var settings = TestLicenses.Read(Clock, ("AXONFLOW_BILLING_PRO_VALIDITY_DAYS", days));

        Assert.Equal(90, settings.Billing.ProValidityDays);
        Assert.Contains(settings.Billing.Warnings, w => w.StartsWith("AXONFLOW_BILLING_PRO_VALIDITY_DAYS must be", StringComparison.Ordinal) && w.EndsWith("using 90.", StringComparison.Ordinal));
    }

    [Fact]
    public void AGoodValidity_IsUsed()
    {
        var settings = TestLicenses.Read(Clock, ("AXONFLOW_BILLING_PRO_VALIDITY_DAYS", "30"));

        Assert.Equal(30, settings.Billing.ProValidityDays);
        Assert.Empty(settings.Billing.Warnings);
    }

    [Theory]
    [InlineData("AXONFLOW_STRIPE_WEBHOOK_IP_ALLOWLIST", "10.0.0.0/8, not-an-ip", "AXONFLOW_STRIPE_WEBHOOK_IP_ALLOWLIST must list IP addresses or CIDRs separated by commas, but 'not-an-ip' is neither.")]
    [InlineData("AXONFLOW_STRIPE_WEBHOOK_IP_ALLOWLIST", ",", "AXONFLOW_STRIPE_WEBHOOK_IP_ALLOWLIST must list at least one IP address or CIDR.")]
    [InlineData("AXONFLOW_STRIPE_WEBHOOK_RATE_PER_MIN", "0", "AXONFLOW_STRIPE_WEBHOOK_RATE_PER_MIN must be a whole number of deliveries per minute from 1 to 100000, but was '0'.")]
    [InlineData("AXONFLOW_BILLING_FROM_EMAIL", "not an address", "AXONFLOW_BILLING_FROM_EMAIL must be an email address, optionally with a display name ('AxonFlow <billing@example.com>'), but was 'not an address'.")]
    public void InvalidValues_AreBootErrorsNamingTheVariable(string name, string value, string expected)
    {
        var failure = TestLicenses.ReadFails(Clock, (name, value));

        Assert.Equal([expected], failure.Errors);
    }

    [Fact]
    public void TheAllowListAcceptsAddressesAndCidrs_OfBothFamilies()
    {
        var list = IpAllowList.TryParse("203.0.113.0/24, 2001:db8::/32, 198.51.100.7", out var bad)!;

        Assert.Null(bad);
        Assert.True(list.Allows("203.0.113.200"));
        Assert.True(list.Allows("::ffff:198.51.100.7"));
        Assert.True(list.Allows("2001:db8::1"));
        Assert.False(list.Allows("198.51.100.8"));
        Assert.False(list.Allows("unknown"));
    }
}
