using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Isolation;
using AxonFlow.IntegrationTests.Billing;
using AxonFlow.IntegrationTests.CommunitySaas.Tiers;
using AxonFlow.IntegrationTests.Email;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Email;
using AxonFlow.Server.Billing;
using AxonFlow.Server.CommunitySaas.Tiers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>
/// One customer's whole life on Community SaaS, through the product only: register, buy Pro (signed Stripe event, token
/// delivered over real SMTP), use it, get refunded, recover a lost secret by magic link, erase the tenant. Each feature has
/// its own tests; this one proves they fit together on one agent.
/// </summary>
public sealed partial class CommunitySaasJourneyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_BuyPro_UseIt_Refund_Recover_Erase()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        var clock = new FakeTimeProvider(BillingHost.Start);
        await using var server = await AxonFlowTestServer.StartAsync(
            fixture.Database,
            s => s with
            {
                Mode = DeploymentMode.CommunitySaas,
                EnabledWorkers = new HashSet<AdminPoolWorker> { AdminPoolWorker.CommunitySaasRecovery, AdminPoolWorker.CommunitySaasDelete, AdminPoolWorker.EmailDelivery },
                PluginTokenKeys = BillingHost.SigningKeys,
                Billing = new BillingSettings { WebhookSigningSecret = BillingHost.Secret, AllowList = IpAllowList.TryParse("127.0.0.1, ::1", out _)!, RatePerMinute = 1000 },
                Email = EmailTestServers.Smtp(smtp.Port),
                CommunitySaas = s.CommunitySaas with { PublicUrl = "https://try.axonflow.test", RegistrationsPerIpPerHour = 100, RequestsPerCredentialPerMinute = 1000 },
            },
            clock);
        await server.Services.GetRequiredService<EmailOutboxListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30), Token);
        var email = $"journey-{Guid.NewGuid():N}@customer.test";

        // Register: Free tier, 200 events a day.
        var (tenant, secret) = await TenantRegistrationClient.RegisterAsync(server.Client, email, "journey");
        using (var free = await TierTestHost.PreCheckAsync(server, tenant, secret))
        {
            Assert.Equal(HttpStatusCode.OK, free.StatusCode);
            Assert.Equal("free", Header(free, QuotaResponses.TierHeader));
            Assert.Equal("200", Header(free, QuotaResponses.LimitHeader));
        }

        // Buy Pro: a signed checkout event mints the token; it arrives by email over SMTP.
        var paymentIntent = StripeFixtures.NewId("pi");
        var checkout = StripeFixtures.Checkout(StripeFixtures.NewId("evt"), StripeFixtures.NewId("cs"), tenant, clock.GetUtcNow(), paymentIntent, email: email);
        using (var paid = await PostWebhookAsync(server, clock, checkout))
        {
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        }

        var license = LicenseTokenPattern().Match(await WaitForMailAsync(smtp, email, "Pro")).Value;
        Assert.StartsWith("AXON-", license, StringComparison.Ordinal);
        using (var pro = await TierTestHost.PreCheckAsync(server, tenant, secret, license))
        {
            Assert.Equal(HttpStatusCode.OK, pro.StatusCode);
            Assert.Equal("pro", Header(pro, QuotaResponses.TierHeader));
            Assert.Equal("1000", Header(pro, QuotaResponses.LimitHeader));
        }

        // A full refund within 14 days revokes it on the next request; without the token the tenant is Free again.
        clock.Advance(TimeSpan.FromDays(2));
        var refund = StripeFixtures.Refund(StripeFixtures.NewId("evt"), paymentIntent, BillingHost.Start, clock.GetUtcNow());
        using (var refunded = await PostWebhookAsync(server, clock, refund))
        {
            Assert.Equal(HttpStatusCode.OK, refunded.StatusCode);
        }

        using (var revoked = await TierTestHost.PreCheckAsync(server, tenant, secret, license))
        {
            Assert.Equal("license_revoked", (await HttpAssert.JsonAsync(revoked, HttpStatusCode.Unauthorized)).GetProperty("reason").GetString());
        }

        using (var freeAgain = await TierTestHost.PreCheckAsync(server, tenant, secret))
        {
            Assert.Equal("free", Header(freeAgain, QuotaResponses.TierHeader));
        }

        // Lose the secret: the magic link arrives by email; confirming it returns a new secret and retires the old one.
        using (var asked = await server.Client.PostAsync("/api/v1/recover", Json($$"""{"email":"{{email}}"}"""), Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        }

        var recoveryToken = Outbox.TokenIn(await WaitForMailAsync(smtp, email, "/api/v1/recover/verify?token="));
        var recovered = await HttpAssert.JsonAsync(
            await server.Client.PostAsync("/api/v1/recover/verify", Json($$"""{"token":"{{recoveryToken}}"}"""), Token), HttpStatusCode.OK);
        var credential = Assert.Single(recovered.GetProperty("tenants").EnumerateArray());
        Assert.Equal(tenant, credential.GetProperty("tenant_id").GetString());
        var newSecret = credential.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, await IdentityStatusAsync(server, tenant, secret));
        Assert.Equal(HttpStatusCode.OK, await IdentityStatusAsync(server, tenant, newSecret));

        // Erase: request, the confirmation token arrives by email, confirm; nothing of the tenant is left anywhere.
        using (var requested = await server.Client.PostAsync($"/api/v1/tenant/{tenant}/delete-request", Json($$"""{"email":"{{email}}"}"""), Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        }

        var deleteToken = Outbox.TokenIn(await WaitForMailAsync(smtp, email, "delete-confirm"));
        using (var confirmed = await server.Client.PostAsync($"/api/v1/tenant/{tenant}/delete-confirm", Json($$"""{"token":"{{deleteToken}}"}"""), Token))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        using var afterErasure = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        afterErasure.Headers.Authorization = AxonFlowTestServer.Basic(tenant, newSecret);
        using var deleted = await server.Client.SendAsync(afterErasure, Token);
        Assert.Equal("tenant_deleted", (await HttpAssert.JsonAsync(deleted, HttpStatusCode.Unauthorized)).GetProperty("reason").GetString());
        Assert.Empty(await DatabaseScan.TextColumnsContainingAsync(fixture.Database, tenant));
        Assert.Empty(await DatabaseScan.TextColumnsContainingAsync(fixture.Database, email));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains(license, StringComparison.Ordinal) || e.Message.Contains(newSecret, StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> PostWebhookAsync(AxonFlowTestServer server, FakeTimeProvider clock, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BillingHost.Path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Stripe.EventUtility.GenerateSignatureHeader(json, BillingHost.Secret, clock.GetUtcNow().ToUnixTimeSeconds()));
        return await server.Client.SendAsync(request, Token);
    }

    /// <summary>The text body of the first message delivered over SMTP to <paramref name="recipient"/> containing <paramref name="marker"/>.</summary>
    private static async Task<string> WaitForMailAsync(LoopbackSmtpServer smtp, string recipient, string marker)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            foreach (var delivery in smtp.Deliveries)
            {
                var body = delivery.Message.TextBody ?? string.Empty;
                if (delivery.RecipientsTo.Contains(recipient, StringComparer.OrdinalIgnoreCase) && body.Contains(marker, StringComparison.Ordinal))
                {
                    return body;
                }
            }

            await Task.Delay(50, Token);
        }

        throw new TimeoutException($"No email containing '{marker}' reached the SMTP server within 30 s.");
    }

    private static async Task<HttpStatusCode> IdentityStatusAsync(AxonFlowTestServer server, string tenant, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = AxonFlowTestServer.Basic(tenant, secret);
        using var response = await server.Client.SendAsync(request, Token);
        return response.StatusCode;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [GeneratedRegex("AXON-[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")]
    private static partial Regex LicenseTokenPattern();
}
