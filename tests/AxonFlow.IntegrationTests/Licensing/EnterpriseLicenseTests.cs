using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Server.Licensing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AxonFlow.IntegrationTests.Infrastructure.AxonFlowTestServer;
using static AxonFlow.IntegrationTests.Licensing.TestLicenses;

namespace AxonFlow.IntegrationTests.Licensing;

/// <summary>
/// Enterprise mode on the real pipeline: the deployment license key is a valid Basic secret for any tenant username
/// (seed 003), issued API keys keep working, and /health shows the license (never the token).
/// </summary>
public sealed class EnterpriseLicenseTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly string _token = Deployment(Now, expiresAt: Now.AddDays(10));
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var settings = Read(_time, ("DEPLOYMENT_MODE", "enterprise"), ("AXONFLOW_LICENSE_KEY", _token), ("AXONFLOW_LICENSE_PUBLIC_KEYS", DeploymentPublicKeys));
        _server = await StartAsync(fixture.Database, s => settings with { Home = s.Home }, _time);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task LicenseKeyAsSecret_AuthenticatesAnyUsernameIntoTheLicensedOrg()
    {
        var team = await HttpAssert.JsonAsync(await SendAsync(Basic("payments-team", _token), ("X-Org-ID", "someone-else")), HttpStatusCode.OK);
        var other = await HttpAssert.JsonAsync(await SendAsync(Basic("search-team", _token)), HttpStatusCode.OK);

        Assert.Equal("acme", team.GetProperty("org_id").GetString());
        Assert.Equal("payments-team", team.GetProperty("client_id").GetString());
        Assert.Equal("license_key", team.GetProperty("authenticated_by").GetString());
        Assert.Equal("acme", team.GetProperty("headers").GetProperty("x_org_id").GetString());
        Assert.Equal("acme", other.GetProperty("org_id").GetString());
        Assert.Equal("search-team", other.GetProperty("client_id").GetString());
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("prefix")]
    [InlineData("longer")]
    public async Task WrongSecret_Is401(string kind)
    {
        var secret = kind switch
        {
            "prefix" => _token[..^1],
            "longer" => _token + "A",
            _ => "AXON-not-the-license",
        };

        var json = await HttpAssert.ErrorAsync(await SendAsync(Basic("payments-team", secret)), HttpStatusCode.Unauthorized, "invalid_credentials");

        Assert.Equal("Invalid credentials", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task IssuedApiKey_KeepsWorking()
    {
        var credential = await _server.IssueCredentialAsync("acme", "acme-ci");

        var json = await HttpAssert.JsonAsync(await SendAsync(Basic("acme-ci", credential.Secret)), HttpStatusCode.OK);

        Assert.Equal("credential", json.GetProperty("authenticated_by").GetString());
        Assert.Equal("acme", json.GetProperty("org_id").GetString());
    }

    [Fact]
    public async Task Health_ShowsTheLicenseButNeverTheToken()
    {
        var response = await _server.Client.GetAsync("/health", Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        var license = json.GetProperty("license");
        Assert.Equal("enterprise", license.GetProperty("tier").GetString());
        Assert.Equal(Now.AddDays(10), license.GetProperty("expires_at").GetDateTimeOffset());
        Assert.False(license.GetProperty("in_grace").GetBoolean());
        Assert.Equal(5, license.GetProperty("max_nodes").GetInt32());
        Assert.Equal(Now.AddDays(17), license.GetProperty("grace_ends_at").GetDateTimeOffset());
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.DoesNotContain(_token[5..40], body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_AfterExpiry_ReportsInGraceAndDegraded()
    {
        var context = _server.Services.GetRequiredService<DeploymentLicenseContext>();
        _time.Advance(TimeSpan.FromDays(11));

        var json = await HttpAssert.JsonAsync(await _server.Client.GetAsync("/health", Token), HttpStatusCode.OK);

        Assert.True(json.GetProperty("license").GetProperty("in_grace").GetBoolean());
        Assert.Equal("degraded", json.GetProperty("status").GetString());
        Assert.True(context.IsInGraceAt(_time.GetUtcNow()));
    }

    [Fact]
    public void LicenseContext_GatesFeaturesAndNodes()
    {
        var context = _server.Services.GetRequiredService<DeploymentLicenseContext>();

        Assert.True(context.IsLicensed);
        Assert.Equal("enterprise", context.Tier);
        Assert.Equal(OrgId.Create("acme"), context.Org);
        Assert.Equal(5, context.MaxNodes);
        Assert.True(context.HasFeature("sso"));
        Assert.True(context.HasFeature("extra_feature"));
        Assert.False(context.HasFeature("time_travel"));
    }

    [Fact]
    public void StartupLog_NamesTheTierNotTheToken()
    {
        var lines = _server.Logs.Entries.Select(e => e.Message).ToList();

        Assert.Contains(lines, l => l.Contains("Deployment license: tier enterprise, organization acme", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(_token[5..40], StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> SendAsync(System.Net.Http.Headers.AuthenticationHeaderValue authorization, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = authorization;
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await _server.Client.SendAsync(request, Token);
    }
}
