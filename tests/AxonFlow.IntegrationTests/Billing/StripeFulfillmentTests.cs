using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Licensing;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.Licensing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AxonFlow.IntegrationTests.Billing;

/// <summary>A paid Checkout Session mints one Pro token for its tenant, stored and emailed once, whatever Stripe redelivers.</summary>
public sealed class StripeFulfillmentTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PaidCheckout_MintsAProToken_ThatValidatesForTheTenant_AndIsRefusedForAnother()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var tenant = await host.CreateTenantAsync();
        var other = await host.CreateTenantAsync();

        var license = await FulfilledAsync(await host.PostAsync(Checkout(host, tenant)));

        var validator = host.Server.Services.GetRequiredService<LicenseTokenValidator>();
        var accepted = Assert.IsType<LicenseTokenOutcome.Accepted>(
            await validator.ValidateAsync(license.Token, LicenseScope.Plugin, ClientId.Create(tenant), LicenseValidationContext.SaasPlugin, Token));
        Assert.Equal(LicenseTier.Pro, accepted.Payload.Tier);
        Assert.Same(LicenseAudience.SaasPlugin, accepted.Payload.Audience);
        Assert.Equal(license.Jti, accepted.Payload.Jti);
        var refused = Assert.IsType<LicenseTokenOutcome.Rejected>(
            await validator.ValidateAsync(license.Token, LicenseScope.Plugin, ClientId.Create(other), LicenseValidationContext.SaasPlugin, Token));
        Assert.Equal(403, refused.StatusCode);
        Assert.Equal("tenant_mismatch", refused.Reason);
    }

    [Fact]
    public async Task PaidCheckout_StoresTheLicenseRow_TheCustomerOnTheTenant_AndQueuesTheEmailWithTheToken()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var tenant = await host.CreateTenantAsync();
        var sessionId = StripeFixtures.NewId("cs");
        var paymentIntent = StripeFixtures.NewId("pi");

        var license = await FulfilledAsync(await host.PostAsync(
            StripeFixtures.Checkout(StripeFixtures.NewId("evt"), sessionId, tenant, host.Clock.GetUtcNow(), paymentIntent, customer: "cus_test_stored", email: "buyer@customer.test")));

        await using var owner = host.Owner();
        await using (var row = owner.CreateCommand("""
            SELECT org_id, tenant_id, tier, license_token, stripe_payment_intent_id, stripe_customer_id, issued_at, expires_at, revoked_at
            FROM plugin_user_licenses WHERE stripe_session_id = $1
            """))
        {
            row.Parameters.Add(new NpgsqlParameter { Value = sessionId });
            await using var reader = await row.ExecuteReaderAsync(Token);
            Assert.True(await reader.ReadAsync(Token));
            Assert.Equal(tenant, reader.GetString(0));
            Assert.Equal(tenant, reader.GetString(1));
            Assert.Equal("pro", reader.GetString(2));
            Assert.Equal(license.Token, reader.GetString(3));
            Assert.Equal(paymentIntent, reader.GetString(4));
            Assert.Equal("cus_test_stored", reader.GetString(5));
            var issuedAt = reader.GetFieldValue<DateTimeOffset>(6);
            var payload = await SignedPayloadAsync(host, license.Token, tenant);
            Assert.Equal(payload.IssuedAt, issuedAt);
            Assert.Equal(BillingHost.Start, issuedAt);
            Assert.Equal(issuedAt.AddDays(90), reader.GetFieldValue<DateTimeOffset>(7));
            Assert.Equal(payload.ExpiresAt, reader.GetFieldValue<DateTimeOffset>(7));
            Assert.True(await reader.IsDBNullAsync(8, Token));
            Assert.False(await reader.ReadAsync(Token));
        }

        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM community_saas_tenants WHERE org_id = $1 AND stripe_customer_id = 'cus_test_stored'", tenant));
        await using var email = owner.CreateCommand("SELECT kind, recipient, subject, body_text, status, sender FROM email_outbox WHERE org_id = $1");
        email.Parameters.Add(new NpgsqlParameter { Value = tenant });
        await using var mail = await email.ExecuteReaderAsync(Token);
        Assert.True(await mail.ReadAsync(Token));
        Assert.Equal("billing.pro_license", mail.GetString(0));
        Assert.Equal("buyer@customer.test", mail.GetString(1));
        Assert.Contains("Pro", mail.GetString(2), StringComparison.Ordinal);
        Assert.Contains(license.Token, mail.GetString(3), StringComparison.Ordinal);
        Assert.Equal("pending", mail.GetString(4));
        Assert.Equal(Server.Billing.BillingSettings.DefaultFromEmail, mail.GetString(5));
        Assert.False(await mail.ReadAsync(Token));
        Assert.DoesNotContain(host.Server.Logs.Entries, e => e.Message.Contains(license.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameEvent_RedeliveredDaysLater_ReturnsTheByteIdenticalToken_AndSendsNoSecondEmail()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var tenant = await host.CreateTenantAsync();
        var json = Checkout(host, tenant);
        var first = await FulfilledAsync(await host.PostAsync(json));

        host.Clock.Advance(TimeSpan.FromDays(3).Add(TimeSpan.FromHours(5)));
        using var retry = await host.PostAsync(json);

        var body = await HttpAssert.JsonAsync(retry, HttpStatusCode.OK);
        Assert.Equal("already_fulfilled", body.GetProperty("status").GetString());
        Assert.Equal(first.Token, body.GetProperty("license_token").GetString());
        Assert.Equal(first.IssuedAt, body.GetProperty("issued_at").GetString());
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1", tenant));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM email_outbox WHERE org_id = $1", tenant));
    }

    [Fact]
    public async Task SameSession_UnderAnotherEventId_ReturnsTheStoredToken_WithoutMintingAgain()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var tenant = await host.CreateTenantAsync();
        var sessionId = StripeFixtures.NewId("cs");
        var paymentIntent = StripeFixtures.NewId("pi");
        var first = await FulfilledAsync(await host.PostAsync(
            StripeFixtures.Checkout(StripeFixtures.NewId("evt"), sessionId, tenant, host.Clock.GetUtcNow(), paymentIntent)));

        host.Clock.Advance(TimeSpan.FromDays(6));
        using var again = await host.PostAsync(StripeFixtures.Checkout(
            StripeFixtures.NewId("evt"), sessionId, tenant, host.Clock.GetUtcNow(), paymentIntent, type: "checkout.session.async_payment_succeeded"));

        var body = await HttpAssert.JsonAsync(again, HttpStatusCode.OK);
        Assert.Equal(first.Token, body.GetProperty("license_token").GetString());
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1", tenant));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM email_outbox WHERE org_id = $1", tenant));
        Assert.Equal(2, await host.CountAsync("SELECT count(*) FROM stripe_events WHERE object_id = $1", sessionId));
    }

    [Fact]
    public async Task ConcurrentDuplicateDeliveries_MintOneLicense_AndOneEmail_AndAllAnswerTheSameToken()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var tenant = await host.CreateTenantAsync();
        var sessionId = StripeFixtures.NewId("cs");
        var paymentIntent = StripeFixtures.NewId("pi");
        var sameEvent = StripeFixtures.Checkout(StripeFixtures.NewId("evt"), sessionId, tenant, host.Clock.GetUtcNow(), paymentIntent);
        var deliveries = Enumerable.Range(0, 12)
            .Select(i => i % 3 == 0
                ? StripeFixtures.Checkout(StripeFixtures.NewId("evt"), sessionId, tenant, host.Clock.GetUtcNow(), paymentIntent, type: "checkout.session.async_payment_succeeded")
                : sameEvent)
            .ToList();

        var responses = await Task.WhenAll(deliveries.Select(json => host.PostAsync(json)));

        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var response in responses)
        {
            using (response)
            {
                var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
                tokens.Add(body.GetProperty("license_token").GetString()!);
            }
        }

        Assert.Single(tokens);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1", tenant));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM email_outbox WHERE org_id = $1", tenant));
    }

    [Fact]
    public async Task UnpaidCompletedSession_IsIgnored_ThenTheAsyncSuccessMints()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var tenant = await host.CreateTenantAsync();
        var sessionId = StripeFixtures.NewId("cs");
        var paymentIntent = StripeFixtures.NewId("pi");

        using var unpaid = await host.PostAsync(StripeFixtures.Checkout(StripeFixtures.NewId("evt"), sessionId, tenant, host.Clock.GetUtcNow(), paymentIntent, paymentStatus: "unpaid"));
        var ignored = await HttpAssert.JsonAsync(unpaid, HttpStatusCode.OK);
        Assert.Equal("ignored", ignored.GetProperty("status").GetString());
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1", tenant));

        host.Clock.Advance(TimeSpan.FromDays(2));
        await FulfilledAsync(await host.PostAsync(StripeFixtures.Checkout(
            StripeFixtures.NewId("evt"), sessionId, tenant, host.Clock.GetUtcNow(), paymentIntent, type: "checkout.session.async_payment_succeeded")));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1", tenant));
    }

    [Fact]
    public async Task TenantFromClientReferenceId_WhenTheMetadataHasNone()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var tenant = await host.CreateTenantAsync();

        await FulfilledAsync(await host.PostAsync(StripeFixtures.Checkout(
            StripeFixtures.NewId("evt"), StripeFixtures.NewId("cs"), null, host.Clock.GetUtcNow(), StripeFixtures.NewId("pi"), clientReferenceId: tenant)));

        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1", tenant));
    }

    [Theory]
    [InlineData("unregistered")]
    [InlineData("not-a-tenant-id")]
    [InlineData("none")]
    [InlineData("contradicting")]
    [InlineData("expired")]
    public async Task CheckoutNotNamingAnActiveTenant_Returns422_AndWritesNothing(string kind)
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var registered = await host.CreateTenantAsync();
        if (kind == "expired")
        {
            host.Clock.Advance(TimeSpan.FromDays(366));
        }

        var (tenant, reference) = kind switch
        {
            "unregistered" => (Core.CommunitySaas.CommunitySaasTenantId.NewId(), (string?)null),
            "not-a-tenant-id" => ("acme", null),
            "none" => (null, null),
            "contradicting" => (registered, Core.CommunitySaas.CommunitySaasTenantId.NewId()),
            _ => (registered, null),
        };
        var eventId = StripeFixtures.NewId("evt");
        var sessionId = StripeFixtures.NewId("cs");

        using var response = await host.PostAsync(StripeFixtures.Checkout(eventId, sessionId, tenant, host.Clock.GetUtcNow(), StripeFixtures.NewId("pi"), clientReferenceId: reference));

        await HttpAssert.ErrorAsync(response, HttpStatusCode.UnprocessableEntity, "unknown_tenant");
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE stripe_session_id = $1", sessionId));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM stripe_events WHERE event_id = $1", eventId));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM email_outbox WHERE org_id = $1", registered));
    }

    [Fact]
    public async Task TheLicenseExpiresAfterTheValidity_TheRowSaysSo_AndTheTokenNoLongerValidates()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var tenant = await host.CreateTenantAsync();
        var license = await FulfilledAsync(await host.PostAsync(Checkout(host, tenant)));
        var validator = host.Server.Services.GetRequiredService<LicenseTokenValidator>();

        host.Clock.Advance(TimeSpan.FromDays(90).Subtract(TimeSpan.FromSeconds(1)));
        var lastSecond = await validator.ValidateAsync(license.Token, LicenseScope.Plugin, ClientId.Create(tenant), LicenseValidationContext.SaasPlugin, Token);
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var after = await validator.ValidateAsync(license.Token, LicenseScope.Plugin, ClientId.Create(tenant), LicenseValidationContext.SaasPlugin, Token);

        Assert.IsType<LicenseTokenOutcome.Accepted>(lastSecond);
        Assert.Equal("invalid_license_token", Assert.IsType<LicenseTokenOutcome.Rejected>(after).Reason);
        Assert.Equal(1, await host.CountAsync(
            "SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1 AND expires_at = issued_at + interval '90 days' AND expires_at < $2",
            tenant, host.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task ConfiguredValidityDays_SetTheExpiry()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database, b => b with { ProValidityDays = 30 });
        var tenant = await host.CreateTenantAsync();

        var license = await FulfilledAsync(await host.PostAsync(Checkout(host, tenant)));

        Assert.Equal(Core.Licensing.LicenseDates.Format(BillingHost.Start.AddDays(30)), license.ExpiresAt);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1 AND expires_at = issued_at + interval '30 days'", tenant));
    }

    [Fact]
    public async Task AnEventRenderedWithAnotherApiVersion_IsProcessed_AndLogsAWarning()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var tenant = await host.CreateTenantAsync();

        await FulfilledAsync(await host.PostAsync(StripeFixtures.Checkout(
            StripeFixtures.NewId("evt"), StripeFixtures.NewId("cs"), tenant, host.Clock.GetUtcNow(), StripeFixtures.NewId("pi"), apiVersion: "2020-08-27")));

        Assert.Contains(host.Server.Logs.Entries, e => e.EventId.Id == 7203 && e.Message.Contains("2020-08-27", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheTenantWithoutAnyEmail_GetsTheLicense_WithoutAMessage()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var tenant = await host.CreateTenantAsync(email: null);

        await FulfilledAsync(await host.PostAsync(StripeFixtures.Checkout(
            StripeFixtures.NewId("evt"), StripeFixtures.NewId("cs"), tenant, host.Clock.GetUtcNow(), StripeFixtures.NewId("pi"), email: "not an address")));

        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE org_id = $1", tenant));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM email_outbox WHERE org_id = $1", tenant));
        Assert.Contains(host.Server.Logs.Entries, e => e.EventId.Id == 7208);
    }

    internal static string Checkout(BillingHost host, string tenant) =>
        StripeFixtures.Checkout(StripeFixtures.NewId("evt"), StripeFixtures.NewId("cs"), tenant, host.Clock.GetUtcNow(), StripeFixtures.NewId("pi"));

    internal static async Task<FulfilledLicense> FulfilledAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
            Assert.Equal("fulfilled", body.GetProperty("status").GetString());
            return new FulfilledLicense(
                body.GetProperty("jti").GetString()!,
                body.GetProperty("license_token").GetString()!,
                body.GetProperty("issued_at").GetString()!,
                body.GetProperty("expires_at").GetString()!);
        }
    }

    private static async Task<LicensePayload> SignedPayloadAsync(BillingHost host, string token, string tenant)
    {
        var outcome = await host.Server.Services.GetRequiredService<LicenseTokenValidator>()
            .ValidateAsync(token, LicenseScope.Plugin, ClientId.Create(tenant), LicenseValidationContext.SaasPlugin, Token);
        return Assert.IsType<LicenseTokenOutcome.Accepted>(outcome).Payload;
    }

    internal sealed record FulfilledLicense(string Jti, string Token, string IssuedAt, string ExpiresAt);
}
