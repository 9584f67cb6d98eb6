using System.Net;
using AxonFlow.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;
using static AxonFlow.IntegrationTests.Infrastructure.AxonFlowTestServer;

namespace AxonFlow.IntegrationTests.Http;

/// <summary>Community mode: one local org; the secret is optional, but a registered client must prove itself.</summary>
public sealed class CommunityIdentityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await StartAsync(fixture.Database);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NoCredentials_ResolvesTheCommunityClientInTheDeploymentOrg()
    {
        var json = await HttpAssert.JsonAsync(await _server.Client.GetAsync("/api/v1/identity", Token), HttpStatusCode.OK);

        Assert.Equal("local-dev-org", json.GetProperty("org_id").GetString());
        Assert.Equal("community", json.GetProperty("client_id").GetString());
        Assert.Equal("community", json.GetProperty("tenant_id").GetString());
        Assert.Equal("community", json.GetProperty("deployment_mode").GetString());
        Assert.Equal("unverified", json.GetProperty("authenticated_by").GetString());
        Assert.Equal("local-dev-org", json.GetProperty("organization").GetProperty("org_id").GetString());
    }

    [Fact]
    public async Task SpoofedIdentityHeaders_AreOverwrittenByTheAuthDerivedValues()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = Basic("billing-svc", string.Empty);
        request.Headers.Add("X-Org-ID", "victim-org");
        request.Headers.Add("X-Client-ID", "someone-else");

        var json = await HttpAssert.JsonAsync(await _server.Client.SendAsync(request, Token), HttpStatusCode.OK);

        Assert.Equal("local-dev-org", json.GetProperty("org_id").GetString());
        Assert.Equal("billing-svc", json.GetProperty("client_id").GetString());
        Assert.Equal("local-dev-org", json.GetProperty("headers").GetProperty("x_org_id").GetString());
        Assert.Equal("billing-svc", json.GetProperty("headers").GetProperty("x_client_id").GetString());
    }

    [Theory]
    [InlineData("X-Tenant-ID")]
    [InlineData("X-Client-ID")]
    public async Task ClientHeaderWithoutBasic_NamesTheClient(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Add(header, "legacy-sdk-app");

        var json = await HttpAssert.JsonAsync(await _server.Client.SendAsync(request, Token), HttpStatusCode.OK);

        Assert.Equal("legacy-sdk-app", json.GetProperty("client_id").GetString());
    }

    [Theory]
    [InlineData("Basic !!!")]
    [InlineData("Basic bm9jb2xvbg==")]
    [InlineData("Bearer abc.def")]
    public async Task MalformedAuthorization_Is401WithJsonBody(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await _server.Client.SendAsync(request, Token);
        var json = await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials");

        Assert.StartsWith("Malformed Authorization header", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidClientId_Is401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = Basic("bad client;id", string.Empty);

        await HttpAssert.ErrorAsync(await _server.Client.SendAsync(request, Token), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task RegisteredClient_MustPresentItsSecret()
    {
        var credential = await _server.IssueCredentialAsync("local-dev-org", "registered-app");

        var withoutSecret = await SendAsync(Basic("registered-app", string.Empty));
        var wrongSecret = await SendAsync(Basic("registered-app", "axf_not-the-secret"));
        var rightSecret = await SendAsync(Basic("registered-app", credential.Secret));

        await HttpAssert.ErrorAsync(withoutSecret, HttpStatusCode.Unauthorized, "invalid_credentials");
        await HttpAssert.ErrorAsync(wrongSecret, HttpStatusCode.Unauthorized, "invalid_credentials");
        var json = await HttpAssert.JsonAsync(rightSecret, HttpStatusCode.OK);
        Assert.Equal("credential", json.GetProperty("authenticated_by").GetString());
    }

    [Fact]
    public async Task ClientSeenUnregistered_ThenIssuedACredential_MustPresentItOnTheNextRequest()
    {
        var beforeIssue = await SendAsync(Basic("late-app", string.Empty));
        var credential = await _server.IssueCredentialAsync("local-dev-org", "late-app");
        var afterIssue = await SendAsync(Basic("late-app", string.Empty));
        var withSecret = await SendAsync(Basic("late-app", credential.Secret));

        await HttpAssert.JsonAsync(beforeIssue, HttpStatusCode.OK);
        await HttpAssert.ErrorAsync(afterIssue, HttpStatusCode.Unauthorized, "invalid_credentials");
        await HttpAssert.JsonAsync(withSecret, HttpStatusCode.OK);
    }

    [Fact]
    public async Task AuthenticatedRequest_StampsOrgAndClientOnItsLogScope()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = Basic("scoped-app", string.Empty);

        await HttpAssert.JsonAsync(await _server.Client.SendAsync(request, Token), HttpStatusCode.OK);

        var line = Assert.Single(_server.Logs.Entries, e => e.EventId.Id == 1002 && Equals(e.Scope.GetValueOrDefault("client_id"), "scoped-app"));
        Assert.Equal("local-dev-org", line.Scope["org_id"]);
        Assert.Equal(LogLevel.Debug, line.Level);
    }

    [Fact]
    public async Task SecretsNeverReachTheLogs()
    {
        var credential = await _server.IssueCredentialAsync("local-dev-org", "quiet-app");
        await SendAsync(Basic("quiet-app", credential.Secret));
        await SendAsync(Basic("quiet-app", "axf_wrong-secret-value"));

        Assert.DoesNotContain(_server.Logs.Entries, e => e.Message.Contains(credential.Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Message.Contains("axf_wrong-secret-value", StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> SendAsync(System.Net.Http.Headers.AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = authorization;
        return await _server.Client.SendAsync(request, Token);
    }
}
