using System.Net;
using AxonFlow.Core.Licensing;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static AxonFlow.IntegrationTests.CommunitySaas.Tiers.TierTestHost;

namespace AxonFlow.IntegrationTests.CommunitySaas.Tiers;

/// <summary>
/// Tier resolution on governed Community SaaS requests: Free without a token, Pro/Premium with a valid token and an
/// active plugin_user_licenses row, every X-License-Token refusal as its seed 002 error, and a revocation that applies
/// on the very next request (no cache).
/// </summary>
public sealed class TierResolutionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await StartAsync(fixture.Database, _time);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NoToken_RegisteredTenant_IsFreeWith200PerDay()
    {
        var (tenant, secret) = await CreateTenantAsync(_server, fixture.Database, Now);

        var response = await PreCheckAsync(_server, tenant, secret);

        await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("free", Header(response, "X-Axonflow-Tier"));
        Assert.Equal("200", Header(response, "X-Axonflow-Quota-Limit"));
        Assert.Equal("199", Header(response, "X-Axonflow-Quota-Remaining"));
        Assert.Equal("2026-12-02T00:00:00Z", Header(response, "X-Axonflow-Quota-Reset"));
        Assert.Equal(1, await DailyCountAsync(fixture.Database, tenant));
    }

    [Fact]
    public async Task ValidTokenWithActiveRow_IsProWith1000PerDay()
    {
        var (tenant, secret) = await CreateTenantAsync(_server, fixture.Database, Now);
        var (token, jti) = MintToken(tenant, Now);
        await GrantAsync(fixture.Database, tenant, jti, token, "pro", Now.AddDays(89));

        var response = await PreCheckAsync(_server, tenant, secret, token, "claude-code-plugin/1.1.0");

        await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("pro", Header(response, "X-Axonflow-Tier"));
        Assert.Equal("1000", Header(response, "X-Axonflow-Quota-Limit"));
    }

    [Fact]
    public async Task PremiumTokenWithPremiumRow_IsPremiumWith5000PerDay()
    {
        var (tenant, secret) = await CreateTenantAsync(_server, fixture.Database, Now);
        var (token, jti) = MintToken(tenant, Now, LicenseTier.Premium);
        await GrantAsync(fixture.Database, tenant, jti, token, "premium", Now.AddDays(89));

        var response = await PreCheckAsync(_server, tenant, secret, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("premium", Header(response, "X-Axonflow-Tier"));
        Assert.Equal("5000", Header(response, "X-Axonflow-Quota-Limit"));
    }

    [Fact]
    public async Task ValidTokenWithoutRow_Is401LicenseRevoked_AndNotCounted()
    {
        var (tenant, secret) = await CreateTenantAsync(_server, fixture.Database, Now);
        var (token, _) = MintToken(tenant, Now);

        await HttpAssert.ErrorAsync(await PreCheckAsync(_server, tenant, secret, token), HttpStatusCode.Unauthorized, "license_revoked");

        Assert.Equal(0, await DailyCountAsync(fixture.Database, tenant));
    }

    [Fact]
    public async Task RowOfAnotherTier_OrExpired_DoesNotMakeTheTokenValid()
    {
        var (tenant, secret) = await CreateTenantAsync(_server, fixture.Database, Now);
        var (proToken, proJti) = MintToken(tenant, Now);
        await GrantAsync(fixture.Database, tenant, proJti, proToken, "premium", Now.AddDays(89));
        var (expiredToken, expiredJti) = MintToken(tenant, Now);
        await GrantAsync(fixture.Database, tenant, expiredJti, expiredToken, "pro", Now.AddSeconds(-1));

        await HttpAssert.ErrorAsync(await PreCheckAsync(_server, tenant, secret, proToken), HttpStatusCode.Unauthorized, "license_revoked");
        await HttpAssert.ErrorAsync(await PreCheckAsync(_server, tenant, secret, expiredToken), HttpStatusCode.Unauthorized, "license_revoked");
    }

    [Fact]
    public async Task RevokedRow_TheNextRequestIsRefused_AndWithoutTheTokenItIsFree()
    {
        var (tenant, secret) = await CreateTenantAsync(_server, fixture.Database, Now);
        var (token, jti) = MintToken(tenant, Now);
        await GrantAsync(fixture.Database, tenant, jti, token, "pro", Now.AddDays(89));
        var before = await PreCheckAsync(_server, tenant, secret, token);

        await RevokeAsync(fixture.Database, tenant, jti);
        var after = await PreCheckAsync(_server, tenant, secret, token);
        var withoutToken = await PreCheckAsync(_server, tenant, secret);

        Assert.Equal("pro", Header(before, "X-Axonflow-Tier"));
        await HttpAssert.ErrorAsync(after, HttpStatusCode.Unauthorized, "license_revoked");
        Assert.Equal("free", Header(withoutToken, "X-Axonflow-Tier"));
    }

    [Fact]
    public async Task TokenOfAnotherTenant_Is403TenantMismatch()
    {
        var (tenant, secret) = await CreateTenantAsync(_server, fixture.Database, Now);
        var (other, _) = await CreateTenantAsync(_server, fixture.Database, Now);
        var (token, jti) = MintToken(other, Now);
        await GrantAsync(fixture.Database, other, jti, token, "pro", Now.AddDays(89));

        await HttpAssert.ErrorAsync(await PreCheckAsync(_server, tenant, secret, token), HttpStatusCode.Forbidden, "tenant_mismatch");
    }

    [Fact]
    public async Task PluginTokenFromAnSdkClient_Is401ScopeMismatch()
    {
        var (tenant, secret) = await CreateTenantAsync(_server, fixture.Database, Now);
        var (token, jti) = MintToken(tenant, Now);
        await GrantAsync(fixture.Database, tenant, jti, token, "pro", Now.AddDays(89));

        await HttpAssert.ErrorAsync(await PreCheckAsync(_server, tenant, secret, token, "sdk-python/7.8.0"), HttpStatusCode.Unauthorized, "scope_mismatch");
    }

    [Fact]
    public async Task GarbageAndSelfHostedTokens_AreRefusedWithTheirReasons()
    {
        var (tenant, secret) = await CreateTenantAsync(_server, fixture.Database, Now);
        var (selfHosted, _) = MintToken(tenant, Now, audience: LicenseAudience.SelfHostedFull);

        await HttpAssert.ErrorAsync(await PreCheckAsync(_server, tenant, secret, "AXON-nonsense"), HttpStatusCode.Unauthorized, "invalid_license_token");
        await HttpAssert.ErrorAsync(await PreCheckAsync(_server, tenant, secret, selfHosted), HttpStatusCode.Unauthorized, "cross_quadrant_token");
        Assert.Equal(0, await DailyCountAsync(fixture.Database, tenant));
    }

    [Fact]
    public async Task OrgWithoutTenantRow_HasNoTier_AndTheFallbackCap()
    {
        var (org, secret) = await CreatePlainOrgAsync(_server, fixture.Database, "ops-provisioned", Now);

        var response = await PreCheckAsync(_server, org, secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", Header(response, "X-Axonflow-Tier"));
        Assert.Equal("200", Header(response, "X-Axonflow-Quota-Limit"));
    }

    [Fact]
    public async Task NotGovernedRoute_IgnoresTheToken_AndCountsNothing()
    {
        var (tenant, secret) = await CreateTenantAsync(_server, fixture.Database, Now);
        using var request = Request(HttpMethod.Get, "/api/v1/identity", tenant, secret, licenseToken: "AXON-nonsense");

        var response = await _server.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Axonflow-Tier"));
        Assert.Equal(0, await DailyCountAsync(fixture.Database, tenant));
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();
}
