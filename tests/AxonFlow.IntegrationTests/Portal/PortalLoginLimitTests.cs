using System.Net;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.Portal;

namespace AxonFlow.IntegrationTests.Portal;

/// <summary>Login throttling per client address and per account: 429 with Retry-After, before any password work.</summary>
public sealed class PortalLoginLimitTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const string Org = "limit-org";

    [Fact]
    public async Task Login_PastThePerAddressLimit_Is429WithRetryAfter_WhateverTheAccount()
    {
        await PortalSeed.OrganizationAsync(fixture.Database, Org);
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Portal = new PortalSettings { LoginAttemptsPerIpPerMinute = 3, LoginAttemptsPerAccount = 100 } });
        await PortalSeed.UserAsync(server, Org, "ip-limited@example.test");
        using var browser = PortalBrowser.For(server);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync($"guess-{i}@example.test", "wrong password, long enough")).StatusCode);
        }

        var limited = await browser.LoginAsync("ip-limited@example.test", PortalSeed.Password);

        await HttpAssert.ErrorAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Null(browser.SessionToken);
    }

    [Fact]
    public async Task Login_PastThePerAccountLimit_Is429ForThatAccountOnly()
    {
        await PortalSeed.OrganizationAsync(fixture.Database, Org);
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Portal = new PortalSettings { LoginAttemptsPerIpPerMinute = 100, LoginAttemptsPerAccount = 2 } });
        await PortalSeed.UserAsync(server, Org, "account-limited@example.test");
        await PortalSeed.UserAsync(server, Org, "other-account@example.test");
        using var browser = PortalBrowser.For(server);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("account-limited@example.test", "wrong password, long enough")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.LoginAsync("ACCOUNT-LIMITED@example.test", "wrong password, long enough")).StatusCode);
        var limited = await browser.LoginAsync("account-limited@example.test", PortalSeed.Password);
        var other = await browser.LoginAsync("other-account@example.test", PortalSeed.Password);

        await HttpAssert.ErrorAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 900);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
