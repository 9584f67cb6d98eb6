using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Governance;

/// <summary>Proxy mode in SaaS mode with two orgs and the built-in local provider.</summary>
public sealed class ProxyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private AxonFlowTestServer _server = null!;
    private GovernanceClient _orgA = null!;
    private GovernanceClient _orgB = null!;
    private string _secretA = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Mode = DeploymentMode.Saas });
        _secretA = (await _server.IssueCredentialAsync("proxy-org-a", "proxy-a")).Secret;
        _orgA = new GovernanceClient(_server, "proxy-a", _secretA);
        _orgB = new GovernanceClient(_server, "proxy-b", (await _server.IssueCredentialAsync("proxy-org-b", "proxy-b")).Secret);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Request_WithSsn_Is200BlockedInTheSdkShape()
    {
        var json = await HttpAssert.JsonAsync(
            await _orgA.PostAsync("/api/request", new { query = "My SSN is 123-45-6789", user_token = "user-1", client_id = "proxy-a", request_type = "chat", context = new { } }),
            HttpStatusCode.OK);

        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.True(json.GetProperty("blocked").GetBoolean());
        Assert.Contains("SSN", json.GetProperty("block_reason").GetString(), StringComparison.Ordinal);
        var info = json.GetProperty("policy_info");
        Assert.Equal("sys_pii_ssn", info.GetProperty("policies_evaluated")[0].GetString());
        Assert.EndsWith("ms", info.GetProperty("processing_time").GetString(), StringComparison.Ordinal);
        Assert.Equal("proxy-a", info.GetProperty("tenant_id").GetString());
        Assert.NotEqual(0, info.GetProperty("static_checks").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task Request_Benign_IsAnsweredByTheProviderAndAuditedForItsOrgOnly()
    {
        var json = await HttpAssert.JsonAsync(
            await _orgA.PostAsync("/api/request", new { query = "What is 2+2?", user_token = "user-1", client_id = "proxy-a", request_type = "chat", context = new { provider = "local", model = "unknown" } }),
            HttpStatusCode.OK);
        var auditId = json.GetProperty("metadata").GetProperty("audit_id").GetString();

        var own = await HttpAssert.JsonAsync(await _orgA.PostJsonAsync("/api/v1/audit/search", """{"request_type":"chat"}"""), HttpStatusCode.OK);
        var other = await HttpAssert.JsonAsync(await _orgB.PostJsonAsync("/api/v1/audit/search", """{"request_type":"chat"}"""), HttpStatusCode.OK);

        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.False(json.GetProperty("blocked").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("data").GetProperty("response").GetString()));
        Assert.Equal(json.GetProperty("result").GetString(), json.GetProperty("data").GetProperty("response").GetString());
        Assert.Equal("local", json.GetProperty("data").GetProperty("provider").GetString());
        var entry = Assert.Single(own.GetProperty("entries").EnumerateArray(), e => e.GetProperty("id").GetString() == auditId);
        Assert.Equal("allowed", entry.GetProperty("decision").GetString());
        Assert.Equal("local", entry.GetProperty("provider").GetString());
        Assert.True(entry.GetProperty("total_tokens").GetInt32() > 0);
        Assert.DoesNotContain(other.GetProperty("entries").EnumerateArray(), e => e.GetProperty("id").GetString() == auditId);
    }

    [Fact]
    public async Task Process_SmokeTestOfTheUpgradeGuide_Is200WithTheNormalPayload()
    {
        var json = await HttpAssert.JsonAsync(await _orgA.PostJsonAsync("/api/v1/process", """{"query": "ping", "request_type": "chat"}"""), HttpStatusCode.OK);

        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.False(json.GetProperty("blocked").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("result").GetString()));
    }

    [Fact]
    public async Task Request_ClientIdOfSomeoneElse_Is403()
    {
        await HttpAssert.ErrorAsync(
            await _orgA.PostAsync("/api/request", new { query = "hello", client_id = "proxy-b", request_type = "chat" }),
            HttpStatusCode.Forbidden,
            "client_mismatch");
    }

    [Theory]
    [InlineData("""{"request_type":"chat"}""", "invalid_request")]
    [InlineData("""{"query": 12}""", "invalid_json")]
    [InlineData("""{"query": "x",""", "invalid_json")]
    public async Task Request_BadBody_Is400AndWritesNoAuditRow(string body, string reason)
    {
        var before = await TotalAsync(_orgA);

        await HttpAssert.ErrorAsync(await _orgA.PostJsonAsync("/api/request", body), HttpStatusCode.BadRequest, reason);

        Assert.Equal(before, await TotalAsync(_orgA));
    }

    [Fact]
    public async Task Request_UnsupportedRequestType_IsStillPolicyChecked()
    {
        var blocked = await HttpAssert.JsonAsync(await _orgA.PostAsync("/api/request", new { query = "SELECT * FROM users; DROP TABLE users;--", request_type = "mcp-query", context = new { connector = "postgres" } }), HttpStatusCode.OK);
        var unsupported = await _orgA.PostAsync("/api/request", new { query = "plan a trip", request_type = "multi-agent-plan" });

        Assert.True(blocked.GetProperty("blocked").GetBoolean());
        await HttpAssert.ErrorAsync(unsupported, HttpStatusCode.NotImplemented, "not_implemented");
    }

    [Fact]
    public async Task Request_RecordsTheCallersSdkFromXAxonflowClient()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/request")
        {
            Content = new StringContent("""{"query":"hello there","request_type":"chat","user_id":"u-sdk"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = AxonFlowTestServer.Basic("proxy-a", _secretA);
        request.Headers.TryAddWithoutValidation("X-Axonflow-Client", " SDK-Python/8.1.0 ");

        await HttpAssert.JsonAsync(await _server.Client.SendAsync(request, TestContext.Current.CancellationToken), HttpStatusCode.OK);

        var search = await HttpAssert.JsonAsync(await _orgA.PostJsonAsync("/api/v1/audit/search", """{"user_id":"u-sdk"}"""), HttpStatusCode.OK);
        Assert.Equal("sdk-python/8.1.0", Assert.Single(search.GetProperty("entries").EnumerateArray()).GetProperty("client").GetString());
    }

    private static async Task<long> TotalAsync(GovernanceClient client) =>
        (await HttpAssert.JsonAsync(await client.PostJsonAsync("/api/v1/audit/search", "{}"), HttpStatusCode.OK)).GetProperty("total").GetInt64();
}
