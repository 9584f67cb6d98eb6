using System.Net;
using System.Text.Json;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.Billing;
using AxonFlow.Server.Networking;
using Stripe;

namespace AxonFlow.IntegrationTests.Billing;

/// <summary>The webhook's front door: signature (Stripe.net, 300 s), methods, body cap, source allow-list, per-source rate, mode.</summary>
public sealed class StripeWebhookTransportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_ValidSignature_UnhandledEventType_Returns200Ignored_AndRecordsNothing()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var eventId = StripeFixtures.NewId("evt");

        using var response = await host.PostAsync(StripeFixtures.Unhandled(eventId, host.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal("ignored", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM stripe_events WHERE event_id = $1", eventId));
        Assert.Contains(host.Server.Logs.Entries, e => e.EventId.Id == 7204 && e.Level == Microsoft.Extensions.Logging.LogLevel.Debug);
    }

    [Fact]
    public async Task Post_TamperedBody_Returns400InvalidSignature_AndWritesNothing()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var tenant = await host.CreateTenantAsync();
        var sessionId = StripeFixtures.NewId("cs");
        var json = StripeFixtures.Checkout(StripeFixtures.NewId("evt"), sessionId, tenant, host.Clock.GetUtcNow(), StripeFixtures.NewId("pi"));
        var signature = host.Sign(json);

        using var response = await host.PostAsync(json.Replace("\"amount_total\": 1900", "\"amount_total\": 1", StringComparison.Ordinal), signature);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_signature");
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM plugin_user_licenses WHERE stripe_session_id = $1", sessionId));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM stripe_events"));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM email_outbox WHERE org_id = $1", tenant));
    }

    [Fact]
    public async Task Post_SignedWithAnotherSecret_Returns400InvalidSignature()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var json = StripeFixtures.Unhandled(StripeFixtures.NewId("evt"), host.Clock.GetUtcNow());

        using var response = await host.PostAsync(json, host.Sign(json, "whsec_someone_else_entirely_000000"));

        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_signature");
    }

    [Theory]
    [InlineData(-301, HttpStatusCode.BadRequest)]
    [InlineData(301, HttpStatusCode.BadRequest)]
    [InlineData(-299, HttpStatusCode.OK)]
    [InlineData(299, HttpStatusCode.OK)]
    public async Task Post_SignatureTimestamp_IsAcceptedWithin300SecondsOfTheClock(int offsetSeconds, HttpStatusCode expected)
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var json = StripeFixtures.Unhandled(StripeFixtures.NewId("evt"), host.Clock.GetUtcNow());

        using var response = await host.PostAsync(json, host.Sign(json, at: host.Clock.GetUtcNow().AddSeconds(offsetSeconds)));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Post_SeveralV1Signatures_OneMatching_IsAccepted()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var json = StripeFixtures.Unhandled(StripeFixtures.NewId("evt"), host.Clock.GetUtcNow());
        var t = host.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var valid = EventUtility.ComputeSignature(BillingHost.Secret, t, json);

        using var response = await host.PostAsync(json, $"t={t},v1=deadbeef,v1={valid},v0=cafe");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("t=,v1=abc")]
    [InlineData("t")]
    [InlineData(",,")]
    [InlineData("v1=only-a-signature")]
    [InlineData("t=1764590400")]
    [InlineData("")]
    public async Task Post_MalformedOrMissingSignatureHeader_Returns400InvalidSignature(string header)
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);

        using var response = await host.PostAsync(StripeFixtures.Unhandled(StripeFixtures.NewId("evt"), host.Clock.GetUtcNow()), header);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_signature");
    }

    [Theory]
    [InlineData("{\"id\": \"evt_broken\", \"type\": ")]
    [InlineData("[]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"id\": \"evt_x\", \"object\": \"event\", \"type\": \"charge.refunded\", \"created\": \"yesterday\", \"data\": {\"object\": {\"object\": \"charge\", \"amount\": \"lots\"}}}")]
    [InlineData("{}")]
    public async Task Post_SignedBodyThatIsNotAStripeEvent_Returns400InvalidJson(string json)
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);

        using var response = await host.PostAsync(json);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task Post_BodyOver64KiB_Returns413_EvenWhenSigned()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        var json = StripeFixtures.Unhandled(StripeFixtures.NewId("evt"), host.Clock.GetUtcNow())
            .Replace("\"description\": null", "\"description\": \"" + new string('x', StripeWebhookBody.MaxBytes) + "\"", StringComparison.Ordinal);

        using var response = await host.PostAsync(json);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task OtherMethods_Return405WithJsonError(string method)
    {
        await using var host = await BillingHost.StartAsync(fixture.Database);
        using var request = new HttpRequestMessage(new HttpMethod(method), BillingHost.Path);

        using var response = await host.Client.SendAsync(request, Token);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Theory]
    [InlineData(DeploymentMode.Community)]
    [InlineData(DeploymentMode.Saas)]
    public async Task OutsideCommunitySaas_TheWebhookIs404(DeploymentMode mode)
    {
        await using var host = await BillingHost.StartAsync(fixture.Database, mode: mode);

        using var response = await host.PostAsync(StripeFixtures.Unhandled(StripeFixtures.NewId("evt"), host.Clock.GetUtcNow()));

        await HttpAssert.ErrorAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Post_FromAnAddressOutsideTheAllowList_Returns403_BeforeAnySignatureWork()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database, b => b with { AllowList = IpAllowList.TryParse("203.0.113.0/24", out _)! });

        using var response = await host.PostAsync(StripeFixtures.Unhandled(StripeFixtures.NewId("evt"), host.Clock.GetUtcNow()));

        await HttpAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "source_not_allowed");
        Assert.Contains(host.Server.Logs.Entries, e => e.EventId.Id == 7201 && e.Message.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_PastThePerSourceRate_Returns429WithRetryAfter_UntilTheWindowResets()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database, b => b with { RatePerMinute = 2 });
        var json = StripeFixtures.Unhandled(StripeFixtures.NewId("evt"), host.Clock.GetUtcNow());

        using var first = await host.PostAsync(json);
        using var second = await host.PostAsync(json);
        using var third = await host.PostAsync(json);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var afterReset = await host.PostAsync(json);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await HttpAssert.ErrorAsync(third, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(int.Parse(Assert.Single(third.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 60);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", "203.0.113.7", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", "198.51.100.9", HttpStatusCode.Forbidden)]
    [InlineData(null, "203.0.113.7", HttpStatusCode.Forbidden)]
    public async Task Post_BehindATrustedProxy_TheForwardedAddressIsChecked_AndOnlyThen(string? trustedProxy, string forwardedFor, HttpStatusCode expected)
    {
        var errors = new List<string>();
        var proxies = TrustedProxies.Read(_ => trustedProxy, errors);
        await using var host = await BillingHost.StartAsync(
            fixture.Database,
            b => b with { AllowList = IpAllowList.TryParse("203.0.113.7", out _)! },
            s => s with { TrustedProxies = proxies });

        using var response = await host.PostAsync(
            StripeFixtures.Unhandled(StripeFixtures.NewId("evt"), host.Clock.GetUtcNow()),
            configure: r => r.Headers.Add("X-Forwarded-For", forwardedFor));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithoutTheSigningSecret_Returns503_AndWritesNothing()
    {
        await using var host = await BillingHost.StartAsync(fixture.Database, b => b with { WebhookSigningSecret = null });

        using var response = await host.PostAsync(StripeFixtures.Unhandled(StripeFixtures.NewId("evt"), host.Clock.GetUtcNow()));

        await HttpAssert.ErrorAsync(response, HttpStatusCode.ServiceUnavailable, "billing_not_configured");
    }
}
