using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using static AxonFlow.IntegrationTests.Infrastructure.AxonFlowTestServer;

namespace AxonFlow.IntegrationTests.Http;

/// <summary>Community SaaS: each customer is its own org (org = client = cs_…); refusals use the registration wording.</summary>
public sealed class CommunitySaasIdentityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _server = await StartAsync(fixture.Database, s => s with { Mode = DeploymentMode.CommunitySaas, EnabledWorkers = new HashSet<Core.Isolation.AdminPoolWorker>() });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NoCredentials_TellsTheCallerToRegister()
    {
        var json = await HttpAssert.ErrorAsync(await _server.Client.GetAsync("/api/v1/identity", Token), HttpStatusCode.Unauthorized, "missing_credentials");

        Assert.Equal("Registration required. POST to /api/v1/register to get credentials.", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task BadSecret_SaysInvalidOrExpired()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = Basic("cs_0b6f0e4e", "axf_wrong");

        var json = await HttpAssert.ErrorAsync(await _server.Client.SendAsync(request, Token), HttpStatusCode.Unauthorized, "invalid_credentials");

        Assert.Equal("Invalid credentials or registration expired", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TwoCustomers_AreTwoOrgs()
    {
        var first = await _server.IssueCredentialAsync("cs_1111", "cs_1111");
        var second = await _server.IssueCredentialAsync("cs_2222", "cs_2222");

        var firstJson = await IdentityAsync("cs_1111", first.Secret);
        var secondJson = await IdentityAsync("cs_2222", second.Secret);

        Assert.Equal("cs_1111", firstJson.GetProperty("org_id").GetString());
        Assert.Equal("cs_1111", firstJson.GetProperty("client_id").GetString());
        Assert.Equal("cs_2222", secondJson.GetProperty("org_id").GetString());
    }

    private async Task<System.Text.Json.JsonElement> IdentityAsync(string client, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/identity");
        request.Headers.Authorization = Basic(client, secret);
        return await HttpAssert.JsonAsync(await _server.Client.SendAsync(request, Token), HttpStatusCode.OK);
    }
}
