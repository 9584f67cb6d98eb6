using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Portal;
using AxonFlow.Server.Portal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AxonFlow.IntegrationTests.Portal;

/// <summary>
/// Portal sessions end to end on the real pipeline: the cookie's attributes, identical refusals, rotation, logout, idle and
/// absolute expiry (on a fake clock), and the session as the only credential the portal accepts.
/// </summary>
public sealed class PortalSessionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Org = "portal-session-org";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await PortalSeed.OrganizationAsync(fixture.Database, Org, "Session Org");
        _server = await AxonFlowTestServer.StartAsync(
            fixture.Database,
            s => s with { Portal = new PortalSettings { SessionIdleTimeout = TimeSpan.FromMinutes(30), SessionLifetime = TimeSpan.FromHours(2) } },
            _time);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Login_ValidCredentials_SetsAStrictHttpOnlySessionCookie()
    {
        await PortalSeed.UserAsync(_server, Org, "cookie@example.test", PortalRole.Admin);
        using var browser = PortalBrowser.For(_server);

        var response = await browser.LoginAsync("Cookie@Example.test", PortalSeed.Password);

        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.StartsWith("axonflow_session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains("max-age=7200", attributes);
        Assert.DoesNotContain("secure", attributes);
        Assert.Equal(PortalTokens.SessionTokenLength, browser.SessionToken!.Length);
        Assert.Equal(browser.SessionToken, json.GetProperty("session_id").GetString());
        Assert.Equal(Org, json.GetProperty("org_id").GetString());
        Assert.Equal("cookie@example.test", json.GetProperty("email").GetString());
        Assert.Equal("admin", json.GetProperty("user").GetProperty("role").GetString());
        Assert.Equal("Session Org", json.GetProperty("org").GetProperty("name").GetString());
        Assert.Equal(_time.GetUtcNow().AddHours(2), json.GetProperty("expires_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Login_ProductionDeployment_MarksTheCookieSecure()
    {
        await using var production = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Kind = DeploymentKind.Production }, _time);
        await PortalSeed.UserAsync(production, Org, "secure@example.test");
        using var browser = PortalBrowser.For(production);

        var response = await browser.LoginAsync("secure@example.test", PortalSeed.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attributes = Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';', StringSplitOptions.TrimEntries).Select(a => a.ToLowerInvariant());
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
    }

    [Fact]
    public async Task Login_UnknownEmailWrongPasswordDeactivatedAndWrongOrg_GetTheSameAnswer()
    {
        var user = await PortalSeed.UserAsync(_server, Org, "same@example.test");
        var deactivated = await PortalSeed.UserAsync(_server, Org, "gone@example.test");
        await Deactivate(deactivated.Id);
        using var browser = PortalBrowser.For(_server);

        var answers = new List<(HttpStatusCode, string, bool)>();
        foreach (var attempt in new object[]
        {
            new { email = "nobody@example.test", password = PortalSeed.Password },
            new { email = user.Email, password = "wrong password, long enough" },
            new { email = deactivated.Email, password = PortalSeed.Password },
            new { email = user.Email, password = PortalSeed.Password, org_id = "another-org" },
        })
        {
            var response = await browser.PostAsync("/api/v1/auth/login", attempt);
            var json = await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials");
            answers.Add((response.StatusCode, json.GetProperty("error").GetString()!, response.Headers.Contains("Set-Cookie")));
        }

        Assert.Single(answers.Distinct());
        Assert.Equal((HttpStatusCode.Unauthorized, "Invalid email or password", false), answers[0]);
        Assert.Null(browser.SessionToken);
    }

    [Fact]
    public async Task Me_WithSession_ReturnsTheUserTheOrgAndTheSessionTimes()
    {
        using var browser = await PortalSeed.SignedInAsync(_server, Org, "me@example.test", PortalRole.Member);

        var json = await HttpAssert.JsonAsync(await browser.GetAsync("/api/v1/auth/me"), HttpStatusCode.OK);

        Assert.Equal("me@example.test", json.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal("member", json.GetProperty("user").GetProperty("role").GetString());
        Assert.Equal(Org, json.GetProperty("org").GetProperty("id").GetString());
        Assert.Equal("Session Org", json.GetProperty("org").GetProperty("name").GetString());
        Assert.Equal(_time.GetUtcNow().AddMinutes(30), json.GetProperty("session").GetProperty("idle_expires_at").GetDateTimeOffset());
        Assert.Equal(1800, json.GetProperty("session").GetProperty("idle_timeout_seconds").GetInt32());
    }

    [Fact]
    public async Task Login_Again_MintsANewTokenAndEndsTheSessionTheOldCookieNamed()
    {
        using var browser = await PortalSeed.SignedInAsync(_server, Org, "rotate@example.test");
        var first = browser.SessionToken!;

        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync("rotate@example.test", PortalSeed.Password)).StatusCode);
        var second = browser.SessionToken!;

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/auth/me")).StatusCode);
        await HttpAssert.ErrorAsync(await WithCookieAsync(first, "/api/v1/auth/me"), HttpStatusCode.Unauthorized, "invalid_session");
        Assert.Equal(1L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_sessions s JOIN portal_users u ON u.id = s.user_id WHERE u.email = $1", "rotate@example.test"));
    }

    [Fact]
    public async Task Session_IsStoredOnlyAsAKeyedHash()
    {
        using var browser = await PortalSeed.SignedInAsync(_server, Org, "hash@example.test");
        var token = browser.SessionToken!;

        var plain = await PortalSeed.CountAsync(
            fixture.Database,
            "SELECT count(*) FROM portal_sessions WHERE position(convert_to($1, 'UTF8') IN token_hash) > 0 OR token_hash = sha256(convert_to($1, 'UTF8'))",
            token);
        var stored = await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_sessions s JOIN portal_users u ON u.id = s.user_id WHERE u.email = $1", "hash@example.test");

        Assert.Equal(0L, plain);
        Assert.Equal(1L, stored);
    }

    [Fact]
    public async Task Logout_EndsTheSessionAndExpiresTheCookie()
    {
        using var browser = await PortalSeed.SignedInAsync(_server, Org, "logout@example.test");
        var token = browser.SessionToken!;

        var response = await browser.SendJsonAsync(HttpMethod.Post, "/api/v1/auth/logout", "{}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Null(browser.SessionToken);
        await HttpAssert.ErrorAsync(await WithCookieAsync(token, "/api/v1/auth/me"), HttpStatusCode.Unauthorized, "invalid_session");
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_sessions s JOIN portal_users u ON u.id = s.user_id WHERE u.email = $1", "logout@example.test"));
    }

    [Fact]
    public async Task Session_UnusedPastTheIdleTimeout_Expires()
    {
        using var browser = await PortalSeed.SignedInAsync(_server, Org, "idle@example.test");

        _time.Advance(TimeSpan.FromMinutes(31));
        var response = await browser.GetAsync("/api/v1/auth/me");

        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "session_expired");
        Assert.Null(browser.SessionToken);
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_sessions s JOIN portal_users u ON u.id = s.user_id WHERE u.email = $1", "idle@example.test"));
    }

    [Fact]
    public async Task Session_InUse_SlidesTheIdleWindow()
    {
        using var browser = await PortalSeed.SignedInAsync(_server, Org, "sliding@example.test");

        _time.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/auth/me")).StatusCode);
        _time.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/auth/me")).StatusCode);
        _time.Advance(TimeSpan.FromMinutes(31));

        await HttpAssert.ErrorAsync(await browser.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized, "session_expired");
    }

    [Fact]
    public async Task Session_PastTheAbsoluteLifetime_ExpiresEvenWhenInUse()
    {
        using var browser = await PortalSeed.SignedInAsync(_server, Org, "absolute@example.test");

        for (var elapsed = 0; elapsed < 115; elapsed += 23)
        {
            _time.Advance(TimeSpan.FromMinutes(23));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/auth/me")).StatusCode);
        }

        _time.Advance(TimeSpan.FromMinutes(6));
        await HttpAssert.ErrorAsync(await browser.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized, "session_expired");
    }

    [Fact]
    public async Task DeactivatingAUser_EndsTheirSessionsAtOnce()
    {
        using var browser = await PortalSeed.SignedInAsync(_server, Org, "deactivate@example.test");
        var id = (await HttpAssert.JsonAsync(await browser.GetAsync("/api/v1/auth/me"), HttpStatusCode.OK)).GetProperty("user").GetProperty("id").GetGuid();

        await Deactivate(id);

        await HttpAssert.ErrorAsync(await browser.GetAsync("/api/v1/auth/me"), HttpStatusCode.Unauthorized, "invalid_session");
        Assert.Equal(0L, await PortalSeed.CountAsync(fixture.Database, "SELECT count(*) FROM portal_sessions WHERE user_id = $1", id));
    }

    [Fact]
    public async Task EveryPortalRoute_WithoutASession_Is401WithTheJsonError()
    {
        using var anonymous = PortalBrowser.For(_server);
        var routes = PortalRoutes.Under(_server, "/api/v1/portal");

        Assert.True(routes.Count >= 20, $"only {routes.Count} portal routes found");
        foreach (var (method, path) in routes)
        {
            var response = await anonymous.SendJsonAsync(method, path, "{}");
            var json = await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "session_required");
            Assert.Contains("axonflow_session", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryPortalRoute_WithValidBasicAuth_IsStillRefused()
    {
        var credential = await _server.IssueCredentialAsync(Org, "portal-basic-app");
        var routes = PortalRoutes.Under(_server, "/api/v1/portal").Append((HttpMethod.Get, "/api/v1/auth/me"));

        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = AxonFlowTestServer.Basic("portal-basic-app", credential.Secret);
            var json = await HttpAssert.ErrorAsync(await _server.Client.SendAsync(request, Token), HttpStatusCode.Unauthorized, "session_required");
            Assert.Contains("Basic auth", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CrossSiteWrite_WithAValidSession_IsRefused()
    {
        using var browser = await PortalSeed.SignedInAsync(_server, Org, "csrf@example.test", PortalRole.Admin);

        var crossSite = await browser.SendJsonAsync(HttpMethod.Post, "/api/v1/portal/scim-tokens", """{"label":"x"}""", ("Sec-Fetch-Site", "cross-site"));
        var foreignOrigin = await browser.SendJsonAsync(HttpMethod.Post, "/api/v1/portal/scim-tokens", """{"label":"x"}""", ("Origin", "https://evil.example"));
        var sameOrigin = await browser.SendJsonAsync(HttpMethod.Post, "/api/v1/portal/scim-tokens", """{"label":"x"}""", ("Origin", browser.BaseAddress.GetLeftPart(UriPartial.Authority)));

        await HttpAssert.ErrorAsync(crossSite, HttpStatusCode.Forbidden, "cross_site_request");
        await HttpAssert.ErrorAsync(foreignOrigin, HttpStatusCode.Forbidden, "cross_site_request");
        Assert.Equal(HttpStatusCode.Created, sameOrigin.StatusCode);
    }

    [Theory]
    [InlineData("""{"password":"correct horse battery staple"}""", "email is required")]
    [InlineData("""{"email":"not-an-email","password":"correct horse battery staple"}""", "email must be an email address (name@domain)")]
    [InlineData("""{"email":"a@example.test"}""", "password is required")]
    public async Task Login_IncompleteBody_Is400NamingTheField(string body, string message)
    {
        using var browser = PortalBrowser.For(_server);

        var json = await HttpAssert.ErrorAsync(await browser.SendJsonAsync(HttpMethod.Post, "/api/v1/auth/login", body), HttpStatusCode.BadRequest, "invalid_request");

        Assert.Equal(message, json.GetProperty("error").GetString());
    }

    private async Task Deactivate(Guid id)
    {
        var store = _server.Services.GetRequiredService<PortalUserStore>();
        var result = await store.UpdateAsync(OrgId.Create(Org), id, u => new PortalUserDraft { Email = LoginEmail.TryCreate(u.Email, out var e, out _) ? e.Value : default, Active = false }, Token);
        Assert.IsType<PortalUserWrite.Written>(result);
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{PortalBrowser.CookieName}={token}");
        return await _server.Client.SendAsync(request, Token);
    }
}
