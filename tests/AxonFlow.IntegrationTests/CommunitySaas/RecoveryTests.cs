using System.Net;
using System.Text;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Isolation;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>Credential recovery: anti-enumeration, the prefetch-safe confirmation page, single-use atomic consumption.</summary>
public sealed class RecoveryTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string PublicUrl = "https://agent.example.test";
    private const string Kind = "recovery.magic_link";

    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await AxonFlowTestServer.StartAsync(
        fixture.Database,
        s => s with
        {
            Mode = DeploymentMode.CommunitySaas,
            EnabledWorkers = new HashSet<AdminPoolWorker> { AdminPoolWorker.CommunitySaasRecovery, AdminPoolWorker.CommunitySaasDelete },
            CommunitySaas = s.CommunitySaas with { PublicUrl = PublicUrl },
        },
        _time);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task UnknownAndKnownEmail_SameAnswer_OnlyTheKnownGetsMail()
    {
        var email = Unique("known");
        await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        var unknown = Unique("unknown");

        using var unknownResponse = await RecoverAsync(unknown);
        using var knownResponse = await RecoverAsync(email);

        Assert.Equal(HttpStatusCode.Accepted, unknownResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, knownResponse.StatusCode);
        Assert.Equal(await unknownResponse.Content.ReadAsStringAsync(Token), await knownResponse.Content.ReadAsStringAsync(Token));
        // Jobs run in order: once the known address's message exists, the unknown one has been handled too.
        Assert.Single(await Outbox.WaitForAsync(fixture.Database, email, Kind));
        Assert.Empty(await Outbox.BodiesAsync(fixture.Database, unknown, Kind));
    }

    [Fact]
    public async Task Link_UsesThePublicUrl_NeverTheHostHeader()
    {
        var email = Unique("host");
        await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/recover") { Content = Json($$"""{"email":"{{email}}"}""") };
        request.Headers.Host = "evil.example.test";
        using var response = await _server.Client.SendAsync(request, Token);

        var body = Assert.Single(await Outbox.WaitForAsync(fixture.Database, email, Kind));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains(PublicUrl + "/api/v1/recover/verify?token=", body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example.test", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmationPage_ChangesNothing_ThenPostRotatesTheSecret()
    {
        var email = Unique("rotate");
        var tenant = await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        var token = await RequestTokenAsync(email);

        using var first = await _server.Client.GetAsync("/api/v1/recover/verify?token=" + Uri.EscapeDataString(token), Token);
        using var second = await _server.Client.GetAsync("/api/v1/recover/verify?token=" + Uri.EscapeDataString(token), Token);
        var page = await second.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-referrer", string.Join(",", second.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("no-store", second.Headers.CacheControl?.ToString());
        Assert.Contains("default-src 'none'", string.Join(",", second.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Contains($"value=\"{token}\"", page, StringComparison.Ordinal);
        Assert.Contains("method=\"post\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await IdentityStatusAsync(tenant.Id, tenant.Secret));

        using var consumed = await VerifyAsync(token);
        var json = await HttpAssert.JsonAsync(consumed, HttpStatusCode.OK);
        var recovered = Assert.Single(json.GetProperty("tenants").EnumerateArray());
        var secret = recovered.GetProperty("secret").GetString()!;

        Assert.Equal(tenant.Id, recovered.GetProperty("tenant_id").GetString());
        Assert.NotEqual(tenant.Secret, secret);
        Assert.Equal(HttpStatusCode.Unauthorized, await IdentityStatusAsync(tenant.Id, tenant.Secret));
        Assert.Equal(HttpStatusCode.OK, await IdentityStatusAsync(tenant.Id, secret));
    }

    [Fact]
    public async Task FormPost_FromTheConfirmationPage_Works()
    {
        var email = Unique("form");
        await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        var token = await RequestTokenAsync(email);

        using var response = await _server.Client.PostAsync(
            "/api/v1/recover/verify", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }), Token);

        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Single(json.GetProperty("tenants").EnumerateArray());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task SecondUse_IsRefused()
    {
        var email = Unique("replay");
        await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        var token = await RequestTokenAsync(email);

        using var first = await VerifyAsync(token);
        using var second = await VerifyAsync(token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await HttpAssert.ErrorAsync(second, HttpStatusCode.BadRequest, "invalid_token");
    }

    [Fact]
    public async Task ExpiredLink_IsRefused()
    {
        var email = Unique("expired");
        var tenant = await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        var token = await RequestTokenAsync(email);

        _time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var response = await VerifyAsync(token);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_token");
        Assert.Equal(HttpStatusCode.OK, await IdentityStatusAsync(tenant.Id, tenant.Secret));
    }

    [Fact]
    public async Task WrongVerifier_DoesNotBurnTheToken()
    {
        var email = Unique("verifier");
        await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        var token = await RequestTokenAsync(email);
        var forged = token[..23] + new string('A', 43);

        using var wrong = await VerifyAsync(forged);
        using var right = await VerifyAsync(token);

        await HttpAssert.ErrorAsync(wrong, HttpStatusCode.BadRequest, "invalid_token");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task ATenantDeleteToken_IsNotARecoveryToken()
    {
        var email = Unique("kind");
        var tenant = await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        using (await _server.Client.PostAsync($"/api/v1/tenant/{tenant.Id}/delete-request", Json($$"""{"email":"{{email}}"}"""), Token))
        {
        }

        var deleteToken = Outbox.TokenIn(Assert.Single(await Outbox.WaitForAsync(fixture.Database, email, "tenant.delete_confirm")));
        using var response = await VerifyAsync(deleteToken);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_token");
    }

    [Fact]
    public async Task AtMostThreeTenants_AreRecovered_NewestFirst()
    {
        var email = Unique("many");
        var created = new List<SaasTenant>();
        for (var i = 0; i < 4; i++)
        {
            created.Add(await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow()));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var token = await RequestTokenAsync(email);
        using var response = await VerifyAsync(token);
        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        var ids = json.GetProperty("tenants").EnumerateArray().Select(t => t.GetProperty("tenant_id").GetString()).ToList();

        Assert.Equal(3, ids.Count);
        Assert.DoesNotContain(created[0].Id, ids);
        Assert.Equal(HttpStatusCode.OK, await IdentityStatusAsync(created[0].Id, created[0].Secret));
    }

    [Fact]
    public async Task PerEmailLimit_StillAnswers202_ButSendsNothingMore()
    {
        var email = Unique("flood");
        await SaasTenants.CreateAsync(_server, email, _time.GetUtcNow());
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await RecoverAsync(email);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync(Token));
        }

        var marker = Unique("marker");
        await SaasTenants.CreateAsync(_server, marker, _time.GetUtcNow());
        using (await RecoverAsync(marker))
        {
        }

        await Outbox.WaitForAsync(fixture.Database, marker, Kind);
        Assert.Equal(3, (await Outbox.BodiesAsync(fixture.Database, email, Kind)).Count);
        Assert.Single(answers.Distinct());
    }

    [Fact]
    public async Task PerIpLimit_Answers429WithRetryAfter()
    {
        for (var i = 0; i < 5; i++)
        {
            using var allowed = await RecoverAsync(Unique("ip"));
            Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        }

        using var refused = await RecoverAsync(Unique("ip"));

        await HttpAssert.ErrorAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("not json", "invalid_json")]
    [InlineData("[\"a@b.test\"]", "invalid_json")]
    [InlineData("{}", "invalid_request")]
    [InlineData("{\"email\":42}", "invalid_request")]
    [InlineData("{\"email\":\"no-at-sign\"}", "invalid_request")]
    [InlineData("", "invalid_request")]
    public async Task MalformedRecoverBody_Is400(string body, string reason)
    {
        using var response = await _server.Client.PostAsync("/api/v1/recover", Json(body), Token);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, reason);
    }

    [Theory]
    [InlineData("/api/v1/recover")]
    [InlineData("/api/v1/recover/verify")]
    public async Task OversizeBody_Is413(string path)
    {
        var padding = new string('x', 1100);
        using var response = await _server.Client.PostAsync(path, Json($$"""{"email":"a@b.test","token":"t","pad":"{{padding}}"}"""), Token);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task WrongContentType_Is415()
    {
        using var response = await _server.Client.PostAsync("/api/v1/recover", new StringContent("email=a@b.test", Encoding.UTF8, "text/plain"), Token);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Theory]
    [InlineData("{\"token\":\"short\"}")]
    [InlineData("{\"token\":null}")]
    [InlineData("{\"nothing\":1}")]
    public async Task MalformedVerifyBody_Is400(string body)
    {
        using var response = await _server.Client.PostAsync("/api/v1/recover/verify", Json(body), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ConfirmationPage_RefusesAMalformedToken_WithoutReflectingIt()
    {
        using var response = await _server.Client.GetAsync("/api/v1/recover/verify?token=%3Cscript%3Ealert(1)%3C%2Fscript%3E", Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("GET", "/api/v1/recover")]
    [InlineData("PUT", "/api/v1/recover")]
    [InlineData("DELETE", "/api/v1/recover/verify")]
    [InlineData("PUT", "/api/v1/recover/verify")]
    public async Task WrongMethod_Is405(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await _server.Client.SendAsync(request, Token);

        await HttpAssert.ErrorAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}@Mail.Example.test";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> RecoverAsync(string email) => _server.Client.PostAsync("/api/v1/recover", Json($$"""{"email":"{{email}}"}"""), Token);

    private Task<HttpResponseMessage> VerifyAsync(string token) => _server.Client.PostAsync("/api/v1/recover/verify", Json($$"""{"token":"{{token}}"}"""), Token);

    private async Task<string> RequestTokenAsync(string email)
    {
        using var response = await RecoverAsync(email);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Outbox.TokenIn(Assert.Single(await Outbox.WaitForAsync(fixture.Database, email, Kind)));
    }

    private async Task<HttpStatusCode> IdentityStatusAsync(string tenant, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = AxonFlowTestServer.Basic(tenant, secret);
        using var response = await _server.Client.SendAsync(request, Token);
        return response.StatusCode;
    }
}
