using System.Net;
using System.Text.Json;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Admin;

/// <summary>X-Admin-API-Key: only the configured key opens the admin surface, and every refusal looks the same.</summary>
public sealed class AdminKeyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Path = "/api/v1/admin/organizations";

    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Mode = DeploymentMode.Saas, AdminApiKey = AdminClient.Key });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RightKey_Opens_TheAdminSurface()
    {
        var response = await new AdminClient(_server).GetAsync(Path);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, json.GetProperty("organizations").ValueKind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("admin-key-for-tests-012345678")]
    [InlineData("admin-key-for-tests-01234567890")]
    [InlineData("ADMIN-KEY-FOR-TESTS-0123456789")]
    [InlineData("x")]
    public async Task MissingOrWrongKey_Is401_WithOneAndTheSameAnswer(string? key)
    {
        var refused = await HttpAssert.ErrorAsync(await new AdminClient(_server, key).GetAsync(Path), HttpStatusCode.Unauthorized, "invalid_admin_key");
        var missing = await HttpAssert.ErrorAsync(await new AdminClient(_server, null).GetAsync(Path), HttpStatusCode.Unauthorized, "invalid_admin_key");

        Assert.Equal("Admin API key required: send a valid X-Admin-API-Key header", refused.GetProperty("error").GetString());
        Assert.Equal(missing.GetProperty("error").GetString(), refused.GetProperty("error").GetString());
        Assert.Equal(missing.GetProperty("reason").GetString(), refused.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task WrongKey_IsRefusedBeforeTheBodyIsRead()
    {
        var response = await new AdminClient(_server, "wrong-key-0123456789").PostJsonAsync(Path, "{ not json");

        await HttpAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_admin_key");
    }

    [Fact]
    public async Task TwoKeyHeaders_AreRefused_EvenWhenOneIsRight()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Add("X-Admin-API-Key", [AdminClient.Key, AdminClient.Key]);

        await HttpAssert.ErrorAsync(await _server.Client.SendAsync(request, Token), HttpStatusCode.Unauthorized, "invalid_admin_key");
    }

    [Fact]
    public async Task CallerCredentials_DoNotOpenTheAdminSurface()
    {
        var credential = await _server.IssueCredentialAsync("key-test-org", "key-test-app");
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.Authorization = AxonFlowTestServer.Basic(credential.Client.Value, credential.Secret);

        await HttpAssert.ErrorAsync(await _server.Client.SendAsync(request, Token), HttpStatusCode.Unauthorized, "invalid_admin_key");
    }

    [Fact]
    public async Task NoKeyConfigured_AnswersEveryRequestLikeAWrongKey()
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { AdminApiKey = null });

        var withKey = await HttpAssert.ErrorAsync(await new AdminClient(server).GetAsync(Path), HttpStatusCode.Unauthorized, "invalid_admin_key");
        var withoutKey = await HttpAssert.ErrorAsync(await new AdminClient(server, null).GetAsync(Path), HttpStatusCode.Unauthorized, "invalid_admin_key");
        var empty = await HttpAssert.ErrorAsync(await new AdminClient(server, string.Empty).GetAsync(Path), HttpStatusCode.Unauthorized, "invalid_admin_key");

        Assert.Equal(withoutKey.GetProperty("error").GetString(), withKey.GetProperty("error").GetString());
        Assert.Equal(withoutKey.GetProperty("error").GetString(), empty.GetProperty("error").GetString());
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 6004);
    }

    [Fact]
    public async Task RightKey_WithoutThePlatformAdminPool_Is503NamingTheSetting()
    {
        await using var server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { AdminApiKey = AdminClient.Key }, withPlatformAdmin: false);

        var json = await HttpAssert.ErrorAsync(await new AdminClient(server).GetAsync(Path), HttpStatusCode.ServiceUnavailable, "admin_pool_not_configured");
        var wrongKey = await new AdminClient(server, "wrong-key-0123456789").GetAsync(Path);

        Assert.Contains("AXONFLOW_DB_PLATFORM_ADMIN_URL", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
    }

    [Fact]
    public async Task AdminKey_NeverAppearsInTheLogs()
    {
        await new AdminClient(_server).GetAsync(Path);
        await new AdminClient(_server, "wrong-key-0123456789").GetAsync(Path);

        Assert.Contains(_server.Logs.Entries, e => e.EventId.Id == 6002);
        Assert.DoesNotContain(_server.Logs.Entries, e => e.Message.Contains(AdminClient.Key, StringComparison.Ordinal)
            || e.Message.Contains("wrong-key-0123456789", StringComparison.Ordinal));
    }
}
