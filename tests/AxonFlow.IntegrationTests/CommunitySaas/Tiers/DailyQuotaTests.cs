using System.Net;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static AxonFlow.IntegrationTests.CommunitySaas.Tiers.TierTestHost;

namespace AxonFlow.IntegrationTests.CommunitySaas.Tiers;

/// <summary>
/// The daily quota: atomic in PostgreSQL (exactly the limit gets through under concurrency, across two agent nodes on
/// one database), the 429 body and Retry-After up to the next UTC midnight, refused requests not counted, and the
/// governed routes it applies to.
/// </summary>
public sealed class DailyQuotaTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 23, 59, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwentyConcurrentRequests_AtAFallbackCapOfFive_ExactlyFiveGetThrough()
    {
        var time = new FakeTimeProvider(Now);
        await using var server = await StartAsync(fixture.Database, time, t => t with { FallbackDailyLimit = 5 });
        var (org, secret) = await CreatePlainOrgAsync(server, fixture.Database, "concurrent-org", Now);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PreCheckAsync(server, org, secret)));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(5, await DailyCountAsync(fixture.Database, org));
    }

    [Fact]
    public async Task TwoAgentNodes_OnOneDatabase_ShareTheCounter()
    {
        var time = new FakeTimeProvider(Now);
        await using var first = await StartAsync(fixture.Database, time, t => t with { FreeDailyLimit = 4 });
        await using var second = await StartAsync(fixture.Database, time, t => t with { FreeDailyLimit = 4 });
        var (tenant, secret) = await CreateTenantAsync(first, fixture.Database, Now);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => PreCheckAsync(i % 2 == 0 ? first : second, tenant, secret)));
        var laterOnFirst = await PreCheckAsync(first, tenant, secret);
        var laterOnSecond = await PreCheckAsync(second, tenant, secret);

        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, laterOnFirst.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, laterOnSecond.StatusCode);
        Assert.Equal(4, await DailyCountAsync(fixture.Database, tenant));
    }

    [Fact]
    public async Task EachTenant_HasItsOwnCounter()
    {
        var time = new FakeTimeProvider(Now);
        await using var server = await StartAsync(fixture.Database, time, t => t with { FreeDailyLimit = 1 });
        var (first, firstSecret) = await CreateTenantAsync(server, fixture.Database, Now);
        var (second, secondSecret) = await CreateTenantAsync(server, fixture.Database, Now);

        Assert.Equal(HttpStatusCode.OK, (await PreCheckAsync(server, first, firstSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PreCheckAsync(server, first, firstSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PreCheckAsync(server, second, secondSecret)).StatusCode);
        Assert.Equal(1, await DailyCountAsync(fixture.Database, second));
    }

    [Fact]
    public async Task OverTheCap_Is429NamingTierLimitAndReset_WithRetryAfter_AndTheNextUtcDayIsFresh()
    {
        var time = new FakeTimeProvider(Now);
        await using var server = await StartAsync(fixture.Database, time, t => t with { FreeDailyLimit = 2 });
        var (tenant, secret) = await CreateTenantAsync(server, fixture.Database, Now);
        await PreCheckAsync(server, tenant, secret);
        await PreCheckAsync(server, tenant, secret);

        var refused = await PreCheckAsync(server, tenant, secret);
        var json = await HttpAssert.ErrorAsync(refused, HttpStatusCode.TooManyRequests, "quota_exceeded");
        time.Advance(TimeSpan.FromMinutes(1));
        var nextDay = await PreCheckAsync(server, tenant, secret);

        Assert.Equal("free", json.GetProperty("tier").GetString());
        Assert.Equal(2, json.GetProperty("limit").GetInt32());
        Assert.Equal("2026-12-02T00:00:00Z", json.GetProperty("reset_at").GetString());
        Assert.Equal(60, json.GetProperty("retry_after_seconds").GetInt32());
        Assert.Equal(
            "Daily quota exceeded: the free tier allows 2 governed requests per UTC day; it resets at 2026-12-02T00:00:00Z",
            json.GetProperty("error").GetString());
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("0", refused.Headers.GetValues("X-Axonflow-Quota-Remaining").Single());
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
        Assert.Equal("1", nextDay.Headers.GetValues("X-Axonflow-Quota-Remaining").Single());
        Assert.Equal(3, await DailyCountAsync(fixture.Database, tenant));
    }

    [Fact]
    public async Task EveryGovernedRoute_CountsOnce_OtherRoutesDoNot()
    {
        var time = new FakeTimeProvider(Now);
        await using var server = await StartAsync(fixture.Database, time);
        var (tenant, secret) = await CreateTenantAsync(server, fixture.Database, Now);
        (HttpMethod Method, string Path, object? Body)[] governed =
        [
            (HttpMethod.Post, "/api/v1/process", new { query = "hello", request_type = "chat" }),
            (HttpMethod.Post, "/api/request", new { query = "hello", request_type = "chat" }),
            (HttpMethod.Post, "/api/policy/pre-check", new { query = "hello" }),
            (HttpMethod.Post, "/api/v1/mcp/check-input", new { connector_type = "postgres", statement = "SELECT 1" }),
            (HttpMethod.Post, "/api/v1/mcp/evaluate-policies", new { query = "SELECT 1" }),
            (HttpMethod.Post, "/api/v1/audit/search", new { limit = 1 }),
            (HttpMethod.Get, $"/api/v1/audit/tenant/{tenant}", null),
        ];
        (HttpMethod Method, string Path, object? Body)[] notGoverned =
        [
            (HttpMethod.Get, "/api/v1/identity", null),
            (HttpMethod.Get, "/api/v1/static-policies", null),
        ];

        foreach (var (method, path, body) in governed)
        {
            using var request = Request(method, path, tenant, secret, body);
            var response = await server.Client.SendAsync(request, Token);
            Assert.True(response.Headers.Contains("X-Axonflow-Tier"), $"{path} answered {(int)response.StatusCode} without quota headers");
        }

        foreach (var (method, path, body) in notGoverned)
        {
            using var request = Request(method, path, tenant, secret, body);
            var response = await server.Client.SendAsync(request, Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-Axonflow-Tier"), path);
        }

        Assert.Equal(governed.Length, await DailyCountAsync(fixture.Database, tenant));
    }

    [Fact]
    public async Task Connectors_DoNotExistOnThisAgent_AndAre404WithoutCounting()
    {
        var time = new FakeTimeProvider(Now);
        await using var server = await StartAsync(fixture.Database, time);
        var (tenant, secret) = await CreateTenantAsync(server, fixture.Database, Now);
        using var request = Request(HttpMethod.Get, "/api/v1/connectors", tenant, secret);

        var response = await server.Client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await DailyCountAsync(fixture.Database, tenant));
    }
}
