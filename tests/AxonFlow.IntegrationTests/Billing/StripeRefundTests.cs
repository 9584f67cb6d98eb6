using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.Licensing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AxonFlow.IntegrationTests.Billing;

/// <summary>charge.refunded: a full refund within 14 days of the purchase revokes the license, in either delivery order; nothing else does.</summary>
public sealed class StripeRefundTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FullRefundWithin14Days_RevokesTheLicense_DenylistsItsJti_AndTheTokenIsRefused()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var (tenant, paymentIntent, license) = await BuyAsync(host);
        host.Clock.Advance(TimeSpan.FromDays(13));

        using var response = await host.PostAsync(StripeFixtures.Refund(StripeFixtures.NewId("evt"), paymentIntent, BillingHost.Start, host.Clock.GetUtcNow()));

        var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("revoked", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("revoked").GetInt32());
        Assert.Equal(1, await host.CountAsync(
            "SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1 AND revoked_at = $2 AND revoke_reason = 'stripe_full_refund'", tenant, host.Clock.GetUtcNow()));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM revoked_license_tokens WHERE jti = $1", license.Jti));
        var outcome = await host.Server.Services.GetRequiredService<LicenseTokenValidator>()
            .ValidateAsync(license.Token, LicenseScope.Plugin, ClientId.Create(tenant), LicenseValidationContext.SaasPlugin, Token);
        Assert.Equal("license_revoked", Assert.IsType<LicenseTokenOutcome.Rejected>(outcome).Reason);
    }

    [Fact]
    public async Task PartialRefund_DoesNotRevoke()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var (tenant, paymentIntent, _) = await BuyAsync(host);
        host.Clock.Advance(TimeSpan.FromDays(1));

        using var response = await host.PostAsync(StripeFixtures.Refund(StripeFixtures.NewId("evt"), paymentIntent, BillingHost.Start, host.Clock.GetUtcNow(), full: false));

        Assert.Equal("ignored", (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1 AND revoked_at IS NOT NULL", tenant));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM stripe_refunds WHERE payment_intent_id = $1", paymentIntent));
    }

    [Fact]
    public async Task FullRefundAfter14Days_DoesNotRevoke()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var (tenant, paymentIntent, _) = await BuyAsync(host);
        host.Clock.Advance(TimeSpan.FromDays(14).Add(TimeSpan.FromMinutes(1)));

        using var response = await host.PostAsync(StripeFixtures.Refund(StripeFixtures.NewId("evt"), paymentIntent, BillingHost.Start, host.Clock.GetUtcNow()));

        Assert.Equal("ignored", (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1 AND revoked_at IS NOT NULL", tenant));
    }

    [Fact]
    public async Task RefundDeliveredBeforeItsCheckout_TheLicenseEndsRevoked_AndIsNotEmailed()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var tenant = await host.CreateTenantAsync();
        var paymentIntent = StripeFixtures.NewId("pi");
        var checkout = StripeFixtures.Checkout(StripeFixtures.NewId("evt"), StripeFixtures.NewId("cs"), tenant, host.Clock.GetUtcNow(), paymentIntent);
        host.Clock.Advance(TimeSpan.FromHours(2));

        using var refund = await host.PostAsync(StripeFixtures.Refund(StripeFixtures.NewId("evt"), paymentIntent, BillingHost.Start, host.Clock.GetUtcNow()));
        Assert.Equal("refund_recorded", (await HttpAssert.JsonAsync(refund, HttpStatusCode.OK)).GetProperty("status").GetString());
        host.Clock.Advance(TimeSpan.FromHours(1));
        using var late = await host.PostAsync(checkout);

        var body = await HttpAssert.JsonAsync(late, HttpStatusCode.OK);
        Assert.Equal("revoked", body.GetProperty("status").GetString());
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1 AND revoked_at IS NOT NULL", tenant));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1 AND revoked_at IS NULL", tenant));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM email_outbox WHERE org_id = $1", tenant));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM revoked_license_tokens WHERE jti = $1", body.GetProperty("jti").GetString()!));
    }

    [Fact]
    public async Task RefundAndCheckoutArrivingTogether_AlwaysEndRevoked()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        for (var round = 0; round < 6; round++)
        {
            var tenant = await host.CreateTenantAsync();
            var paymentIntent = StripeFixtures.NewId("pi");
            var checkout = StripeFixtures.Checkout(StripeFixtures.NewId("evt"), StripeFixtures.NewId("cs"), tenant, host.Clock.GetUtcNow(), paymentIntent);
            var refund = StripeFixtures.Refund(StripeFixtures.NewId("evt"), paymentIntent, BillingHost.Start, host.Clock.GetUtcNow().AddMinutes(5));

            var responses = await Task.WhenAll(host.PostAsync(round % 2 == 0 ? checkout : refund), host.PostAsync(round % 2 == 0 ? refund : checkout));

            foreach (var response in responses)
            {
                using (response)
                {
                    await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
                }
            }

            Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1", tenant));
            Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1 AND revoked_at IS NULL", tenant));
        }
    }

    [Fact]
    public async Task TheSameRefundEventTwice_IsANoOp()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var (tenant, paymentIntent, _) = await BuyAsync(host);
        var refund = StripeFixtures.Refund(StripeFixtures.NewId("evt"), paymentIntent, BillingHost.Start, host.Clock.GetUtcNow().AddHours(1));
        using var first = await host.PostAsync(refund);
        var revokedAt = host.Clock.GetUtcNow();
        host.Clock.Advance(TimeSpan.FromDays(2));

        using var second = await host.PostAsync(refund);

        Assert.Equal("revoked", (await HttpAssert.JsonAsync(first, HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal("duplicate", (await HttpAssert.JsonAsync(second, HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1 AND revoked_at = $2", tenant, revokedAt));
    }

    [Fact]
    public async Task TheLookupByPaymentIntent_CrossesOrgsOnlyThroughTheDefinerFunction()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var (tenant, paymentIntent, license) = await BuyAsync(host);
        await using var app = fixture.Database.CreateAppDataSource();

        await using (var direct = app.CreateCommand("SELECT count(*) FROM plugin_user_licenses WHERE stripe_payment_intent_id = $1"))
        {
            direct.Parameters.Add(new NpgsqlParameter { Value = paymentIntent });
            Assert.Equal(0L, await direct.ExecuteScalarAsync(Token));
        }

        await using var lookup = app.CreateCommand("SELECT org_id, jti FROM billing_licenses_for_payment_intent($1)");
        lookup.Parameters.Add(new NpgsqlParameter { Value = paymentIntent });
        await using var reader = await lookup.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        Assert.Equal(tenant, reader.GetString(0));
        Assert.Equal(license.Jti, reader.GetString(1));
        Assert.Equal(1, reader.FieldCount - 1);
        Assert.False(await reader.ReadAsync(Token));
    }

    private static async Task<(string Tenant, string PaymentIntent, StripeFulfillmentTests.FulfilledLicense License)> BuyAsync(BillingHost host)
    {
        var tenant = await host.CreateTenantAsync();
        var paymentIntent = StripeFixtures.NewId("pi");
        var license = await StripeFulfillmentTests.FulfilledAsync(await host.PostAsync(
            StripeFixtures.Checkout(StripeFixtures.NewId("evt"), StripeFixtures.NewId("cs"), tenant, host.Clock.GetUtcNow(), paymentIntent)));
        return (tenant, paymentIntent, license);
    }
}
