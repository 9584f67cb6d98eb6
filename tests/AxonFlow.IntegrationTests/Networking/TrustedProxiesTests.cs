using AxonFlow.Server.Networking;
using AxonFlow.Server.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace AxonFlow.IntegrationTests.Networking;

/// <summary>Per-IP limits key on the trusted last hop: X-Forwarded-For counts only when the peer is a named proxy.</summary>
public sealed class TrustedProxiesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, "6.6.6.6, 203.0.113.7", "127.0.0.1")]
    [InlineData("127.0.0.1", "6.6.6.6, 203.0.113.7", "203.0.113.7")]
    [InlineData("127.0.0.0/8, 203.0.113.0/24", "6.6.6.6, 203.0.113.7", "6.6.6.6")]
    [InlineData("10.0.0.0/8", "6.6.6.6", "127.0.0.1")]
    public async Task ClientAddress_IsTheNearestUntrustedHop(string? trusted, string forwardedFor, string expected)
    {
        var errors = new List<string>();
        var proxies = TrustedProxies.Read(name => name == "AXONFLOW_TRUSTED_PROXIES" ? trusted : null, errors);
        Assert.Empty(errors);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        proxies.Apply(app);
        app.MapGet("/whoami", (HttpContext context) => ClientAddress.Of(context));
        await app.StartAsync(Token);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Add("X-Forwarded-For", forwardedFor);

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(expected, await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public void AnEntryThatIsNeitherAnAddressNorACidr_IsABootError()
    {
        var errors = new List<string>();
        TrustedProxies.Read(_ => "10.0.0.0/8, not-an-ip", errors);

        Assert.Equal(["AXONFLOW_TRUSTED_PROXIES must list IP addresses or CIDRs separated by commas, but 'not-an-ip' is neither."], errors);
    }

    [Fact]
    public void FixedWindow_RefusesPastTheLimit_SaysHowLong_AndResetsWithTheWindow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 20, TimeSpan.Zero));
        var limiter = new FixedWindowLimiter(2, TimeSpan.FromMinutes(1), clock);

        Assert.True(limiter.TryAcquire("a").Allowed);
        Assert.True(limiter.TryAcquire("a").Allowed);
        var refused = limiter.TryAcquire("a");
        Assert.True(limiter.TryAcquire("b").Allowed);
        clock.Advance(TimeSpan.FromSeconds(40));
        var afterReset = limiter.TryAcquire("a");

        Assert.False(refused.Allowed);
        Assert.Equal(40, refused.RetryAfterSeconds);
        Assert.True(afterReset.Allowed);
    }

    [Fact]
    public void FixedWindow_KeepsItsMemoryBounded()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var limiter = new FixedWindowLimiter(1, TimeSpan.FromMinutes(1), clock, maxTrackedKeys: 10);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(limiter.TryAcquire($"old-{i}").Allowed);
        }

        Assert.Equal(10, limiter.TrackedKeys);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(limiter.TryAcquire("new").Allowed);

        // The keys of the past window were swept; the current window's key is still counted.
        Assert.Equal(1, limiter.TrackedKeys);
        Assert.False(limiter.TryAcquire("new").Allowed);
    }
}
