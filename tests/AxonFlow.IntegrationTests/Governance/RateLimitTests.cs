using System.Net;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AxonFlow.IntegrationTests.Governance;

/// <summary>The per-client limit: a 429 with Retry-After once spent, per client, reset with the window.</summary>
public sealed class RateLimitTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task ClientOverItsLimit_Gets429WithRetryAfter_OthersDoNot_AndTheWindowResets()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 10, TimeSpan.Zero));
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { ClientRateLimitPerMinute = 3 }, time);
        var busy = new GovernanceClient(server, "busy-app");
        var quiet = new GovernanceClient(server, "quiet-app");

        var allowed = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add(await busy.PostAsync("/api/policy/pre-check", new { query = "hello" }));
        }

        var refused = await busy.PostAsync("/api/policy/pre-check", new { query = "hello" });
        var other = await quiet.PostAsync("/api/policy/pre-check", new { query = "hello" });
        time.Advance(TimeSpan.FromMinutes(1));
        var afterReset = await busy.PostAsync("/api/policy/pre-check", new { query = "hello" });

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("0", allowed[^1].Headers.GetValues("X-RateLimit-Remaining").Single());
        await HttpAssert.ErrorAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal("50", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
    }
}
