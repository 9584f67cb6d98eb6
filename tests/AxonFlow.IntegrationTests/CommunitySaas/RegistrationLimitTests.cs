using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.Networking;
using static AxonFlow.IntegrationTests.CommunitySaas.TenantRegistrationClient;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>
/// Where registration exists (community-saas only) and its per-IP limit (default 5 per hour), keyed by the trusted last
/// hop: with AXONFLOW_TRUSTED_PROXIES naming the proxy each X-Forwarded-For client has its own bucket; without it the
/// header is ignored and everyone behind one socket peer shares one.
/// </summary>
public sealed class RegistrationLimitTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DeploymentMode.Community)]
    [InlineData(DeploymentMode.Saas)]
    public async Task OutsideCommunitySaas_RegisterIsNotFound(DeploymentMode mode)
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Mode = mode, DeploymentOrg = OrgId.Create("mode-org"), DeploymentOrgConfigured = true });

        await HttpAssert.ErrorAsync(await PostAsync(server.Client, "{}"), HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(await server.Client.GetAsync(RegisterPath, Token), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task SixthRegistrationFromOneAddressInAnHour_Gets429_WithRetryAfter()
    {
        await using var server = await StartWithDefaultLimitAsync(trustedProxies: null);
        for (var i = 0; i < 5; i++)
        {
            await RegisterAsync(server.Client);
        }

        using var sixth = await PostAsync(server.Client, "{}");

        var json = await HttpAssert.ErrorAsync(sixth, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Contains("at most 5 per hour", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        var retryAfter = sixth.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task BehindATrustedProxy_EachForwardedClientHasItsOwnBucket()
    {
        await using var server = await StartWithDefaultLimitAsync(trustedProxies: "127.0.0.1");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(server, "6.6.6.6, 203.0.113.7"));
        }

        var sameLastHop = await StatusAsync(server, "198.51.100.1, 203.0.113.7");
        var otherLastHop = await StatusAsync(server, "203.0.113.8");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameLastHop);
        Assert.Equal(HttpStatusCode.Created, otherLastHop);
    }

    [Fact]
    public async Task WithoutTrustedProxies_ForwardedForIsIgnored()
    {
        await using var server = await StartWithDefaultLimitAsync(trustedProxies: null);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await StatusAsync(server, $"203.0.113.{i + 1}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(server, "203.0.113.99"));
    }

    private static async Task<HttpStatusCode> StatusAsync(AxonFlowTestServer server, string forwardedFor)
    {
        using var response = await PostAsync(server.Client, "{}", request => request.Headers.Add("X-Forwarded-For", forwardedFor));
        return response.StatusCode;
    }

    private Task<AxonFlowTestServer> StartWithDefaultLimitAsync(string? trustedProxies)
    {
        var errors = new List<string>();
        var proxies = TrustedProxies.Read(name => name == "AXONFLOW_TRUSTED_PROXIES" ? trustedProxies : null, errors);
        Assert.Empty(errors);
        return StartAsync(fixture.Database, more: s => s with
        {
            TrustedProxies = proxies,
            CommunitySaas = s.CommunitySaas with { RegistrationsPerIpPerHour = new Server.CommunitySaas.CommunitySaasSettings().RegistrationsPerIpPerHour },
        });
    }
}
