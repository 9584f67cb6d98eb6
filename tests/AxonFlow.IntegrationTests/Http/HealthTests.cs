using System.Net;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Migrations;

namespace AxonFlow.IntegrationTests.Http;

/// <summary><c>/health</c> reports real checks with the fields seed 000 and the SDKs read; errors keep the SDK shape.</summary>
public sealed class HealthTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await AxonFlowTestServer.StartAsync(fixture.Database);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Health_ReportsVersionFloorsAndEveryComponent()
    {
        var json = await HttpAssert.JsonAsync(await _server.Client.GetAsync("/health", Token), HttpStatusCode.OK);

        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.Equal("axonflow-agent", json.GetProperty("service").GetString());
        Assert.Equal("9.0.0", json.GetProperty("version").GetString());
        Assert.Equal("9.0.0", json.GetProperty("platform_version").GetString());
        Assert.Equal("8.0.0", json.GetProperty("sdk_floor").GetProperty("minimum").GetString());
        Assert.Equal("8.1.0", json.GetProperty("sdk_floor").GetProperty("recommended").GetString());
        Assert.Equal("0.3.1", json.GetProperty("sdk_floor").GetProperty("sdks").GetProperty("sdk-rust").GetProperty("recommended").GetString());
        Assert.Equal("1.5.0", json.GetProperty("plugin_floor").GetProperty("claude-code-plugin").GetProperty("recommended").GetString());
        Assert.Equal("1.5.0", json.GetProperty("plugin_floor").GetProperty("cursor-plugin").GetProperty("recommended").GetString());
        Assert.Equal("1.5.0", json.GetProperty("plugin_floor").GetProperty("codex-plugin").GetProperty("recommended").GetString());
        Assert.Equal("2.5.0", json.GetProperty("plugin_floor").GetProperty("openclaw").GetProperty("recommended").GetString());
        Assert.Equal("8.0.0", json.GetProperty("sdk_compatibility").GetProperty("min_sdk_version").GetString());
        Assert.Equal("8.1.0", json.GetProperty("sdk_compatibility").GetProperty("recommended_sdk_version").GetString());

        var components = json.GetProperty("components");
        Assert.Equal("connected", components.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("current", components.GetProperty("migrations").GetProperty("status").GetString());
        Assert.Equal(MigrationCatalog.Embedded.LatestVersion, components.GetProperty("migrations").GetProperty("applied_version").GetInt32());
        var rls = components.GetProperty("rls");
        Assert.Equal("enforced", rls.GetProperty("status").GetString());
        Assert.Equal("axonflow_app_role", rls.GetProperty("role").GetString());
        Assert.False(rls.GetProperty("role_bypasses_rls").GetBoolean());
        Assert.Equal(rls.GetProperty("tables_total").GetInt32(), rls.GetProperty("tables_protected").GetInt32());
        Assert.True(rls.GetProperty("tables_total").GetInt32() >= 13);

        Assert.True(json.GetProperty("timestamp").GetDateTimeOffset() > DateTimeOffset.MinValue);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("uptime").GetString()));
    }

    [Fact]
    public async Task LiveAndReady_AreOkWhenTheDatabaseIsCurrent()
    {
        var live = await HttpAssert.JsonAsync(await _server.Client.GetAsync("/health/live", Token), HttpStatusCode.OK);
        var ready = await HttpAssert.JsonAsync(await _server.Client.GetAsync("/health/ready", Token), HttpStatusCode.OK);

        Assert.Equal("alive", live.GetProperty("status").GetString());
        Assert.Equal("ready", ready.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_ArePrometheusTextIncludingAuthAttempts()
    {
        await _server.Client.GetAsync("/api/v1/identity", Token);

        var response = await _server.Client.GetAsync("/metrics", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("axonflow_auth_attempts", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Is404WithTheSdkErrorShape()
    {
        await HttpAssert.ErrorAsync(await _server.Client.GetAsync("/api/v1/does-not-exist", Token), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task WrongMethod_Is405WithTheSdkErrorShape()
    {
        await HttpAssert.ErrorAsync(await _server.Client.PostAsync("/health", null, Token), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Theory]
    [InlineData("req-123_abc", "req-123_abc")]
    [InlineData("bad id\twith tab", null)]
    public async Task RequestId_IsEchoedWhenSafeAndReplacedOtherwise(string sent, string? expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nowhere");
        request.Headers.TryAddWithoutValidation("X-Request-ID", sent);

        var response = await _server.Client.SendAsync(request, Token);
        var json = await HttpAssert.ErrorAsync(response, HttpStatusCode.NotFound, "not_found");
        var echoed = response.Headers.GetValues("X-Request-ID").Single();

        Assert.Equal(echoed, json.GetProperty("request_id").GetString());
        if (expected is null)
        {
            Assert.NotEqual(sent, echoed);
        }
        else
        {
            Assert.Equal(expected, echoed);
        }
    }
}
