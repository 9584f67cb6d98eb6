using System.Net;
using System.Text;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using static AxonFlow.IntegrationTests.Infrastructure.AxonFlowTestServer;

namespace AxonFlow.IntegrationTests.Audit;

/// <summary>The audit API over HTTP in SaaS mode with two orgs: each sees its own trail, bad input writes nothing.</summary>
public sealed class AuditApiTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private AxonFlowTestServer _server = null!;
    private string _secretA = null!;
    private string _secretB = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await StartAsync(fixture.Database, s => s with { Mode = DeploymentMode.Saas, MaxRequestBodyBytes = 4096 });
        _secretA = (await _server.IssueCredentialAsync("audit-org-a", "app-a")).Secret;
        _secretB = (await _server.IssueCredentialAsync("audit-org-b", "app-b")).Secret;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Search_FreshOrg_ReturnsAnEmptyListNotNull()
    {
        var secret = (await _server.IssueCredentialAsync("audit-org-empty", "app-empty")).Secret;

        var json = await HttpAssert.JsonAsync(await SendAsync(HttpMethod.Post, "/api/v1/audit/search", "app-empty", secret, "{}"), HttpStatusCode.OK);

        Assert.Equal(System.Text.Json.JsonValueKind.Array, json.GetProperty("entries").ValueKind);
        Assert.Equal(0, json.GetProperty("entries").GetArrayLength());
        Assert.Equal(0, json.GetProperty("total").GetInt64());
        Assert.Equal(100, json.GetProperty("limit").GetInt32());
        Assert.Equal(0, json.GetProperty("offset").GetInt32());
    }

    [Fact]
    public async Task ToolCall_IsRecordedAndFoundByItsOrgOnly()
    {
        var written = await HttpAssert.JsonAsync(
            await SendAsync(HttpMethod.Post, "/api/v1/audit/tool-call", "app-a", _secretA, """{"tool_name":"crm.lookup","input":{"id":7},"success":true,"latency_ms":12,"user_id":"u-1"}"""),
            HttpStatusCode.OK);
        var auditId = written.GetProperty("audit_id").GetString();

        var ownSearch = await HttpAssert.JsonAsync(await SendAsync(HttpMethod.Post, "/api/v1/audit/search", "app-a", _secretA, """{"request_type":"tool_call","user_id":"u-1"}"""), HttpStatusCode.OK);
        var byClient = await HttpAssert.JsonAsync(await SendAsync(HttpMethod.Get, "/api/v1/audit/tenant/app-a", "app-a", _secretA), HttpStatusCode.OK);
        var otherOrg = await HttpAssert.JsonAsync(await SendAsync(HttpMethod.Post, "/api/v1/audit/search", "app-b", _secretB, """{"request_type":"tool_call"}"""), HttpStatusCode.OK);
        var otherByClient = await HttpAssert.JsonAsync(await SendAsync(HttpMethod.Get, "/api/v1/audit/tenant/app-a", "app-b", _secretB), HttpStatusCode.OK);

        Assert.True(written.GetProperty("success").GetBoolean());
        var entry = Assert.Single(ownSearch.GetProperty("entries").EnumerateArray());
        Assert.Equal(auditId, entry.GetProperty("id").GetString());
        Assert.Equal("audit-org-a", entry.GetProperty("org_id").GetString());
        Assert.Equal("app-a", entry.GetProperty("client_id").GetString());
        Assert.Equal("app-a", entry.GetProperty("tenant_id").GetString());
        Assert.Equal("crm.lookup", entry.GetProperty("details").GetProperty("tool_name").GetString());
        Assert.DoesNotContain("\"id\":7", entry.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(byClient.GetProperty("entries").EnumerateArray(), e => e.GetProperty("id").GetString() == auditId);
        Assert.Equal(0, otherOrg.GetProperty("total").GetInt64());
        Assert.Equal(0, otherByClient.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Search_PagesWithLimitAndOffsetNewestFirst()
    {
        var secret = (await _server.IssueCredentialAsync("audit-org-paging", "app-p")).Secret;
        for (var i = 0; i < 5; i++)
        {
            await SendAsync(HttpMethod.Post, "/api/v1/audit/tool-call", "app-p", secret, $$"""{"tool_name":"t{{i}}"}""");
        }

        var page = await HttpAssert.JsonAsync(await SendAsync(HttpMethod.Post, "/api/v1/audit/search", "app-p", secret, """{"limit":2,"offset":1}"""), HttpStatusCode.OK);

        Assert.Equal(5, page.GetProperty("total").GetInt64());
        Assert.Equal(["t3", "t2"], page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("details").GetProperty("tool_name").GetString()));
    }

    [Theory]
    [InlineData("""{"limit":0}""", "limit must be between 1 and 1000")]
    [InlineData("""{"limit":1001}""", "limit must be between 1 and 1000")]
    [InlineData("""{"offset":-1}""", "offset must be 0 or more")]
    [InlineData("""{"decision":"maybe"}""", "decision must be one of")]
    [InlineData("""{"start_time":"2026-12-02T00:00:00Z","end_time":"2026-12-01T00:00:00Z"}""", "end_time must not be before start_time")]
    public async Task Search_InvalidFilter_Is400NamingIt(string body, string expected)
    {
        var json = await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Post, "/api/v1/audit/search", "app-a", _secretA, body), HttpStatusCode.BadRequest, "invalid_request");

        Assert.StartsWith(expected, json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"tool_name": "x", """, "invalid_json", null)]
    [InlineData("""{"tool_name": 42}""", "invalid_json", "$.tool_name")]
    [InlineData("""{"latency_ms": "fast", "tool_name": "x"}""", "invalid_json", "$.latency_ms")]
    [InlineData("""{"input": {}}""", "invalid_request", null)]
    public async Task ToolCall_BadInput_Is400AndWritesNothing(string body, string reason, string? path)
    {
        var secret = (await _server.IssueCredentialAsync($"audit-org-bad-{Math.Abs(body.GetHashCode(StringComparison.Ordinal))}", $"bad-{Math.Abs(body.GetHashCode(StringComparison.Ordinal))}")).Secret;
        var client = $"bad-{Math.Abs(body.GetHashCode(StringComparison.Ordinal))}";

        var json = await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Post, "/api/v1/audit/tool-call", client, secret, body), HttpStatusCode.BadRequest, reason);
        var after = await HttpAssert.JsonAsync(await SendAsync(HttpMethod.Post, "/api/v1/audit/search", client, secret, "{}"), HttpStatusCode.OK);

        if (path is not null)
        {
            Assert.Contains(path, json.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, after.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task ToolCall_WrongContentType_Is415()
    {
        using var request = Request(HttpMethod.Post, "/api/v1/audit/tool-call", "app-a", _secretA);
        request.Content = new StringContent("tool_name=x", Encoding.UTF8, "application/x-www-form-urlencoded");

        await HttpAssert.ErrorAsync(await _server.Client.SendAsync(request, Token), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task ToolCall_OversizedBody_Is413()
    {
        var body = $$"""{"tool_name":"x","input":"{{new string('a', 8192)}}"}""";

        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Post, "/api/v1/audit/tool-call", "app-a", _secretA, body), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Export_StreamsJsonLinesAndCsv_ForTheCallersOrgOnly()
    {
        var secret = (await _server.IssueCredentialAsync("audit-org-export", "app-x")).Secret;
        await SendAsync(HttpMethod.Post, "/api/v1/audit/tool-call", "app-x", secret, """{"tool_name":"=cmd|calc"}""");
        await SendAsync(HttpMethod.Post, "/api/v1/audit/tool-call", "app-x", secret, """{"tool_name":"plain","success":false,"error":"boom"}""");

        var jsonl = await SendAsync(HttpMethod.Get, "/api/v1/audit/export?format=jsonl", "app-x", secret);
        var csv = await SendAsync(HttpMethod.Get, "/api/v1/audit/export?format=csv", "app-x", secret);
        var bad = await SendAsync(HttpMethod.Get, "/api/v1/audit/export?format=xml", "app-x", secret);
        var lines = (await jsonl.Content.ReadAsStringAsync(Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var csvLines = (await csv.Content.ReadAsStringAsync(Token)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("application/x-ndjson", jsonl.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal("audit-org-export", System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("org_id").GetString()));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, csvLines.Length);
        Assert.StartsWith("id,timestamp,request_id", csvLines[0], StringComparison.Ordinal);
        Assert.Contains(csvLines, l => l.Contains(",error,", StringComparison.Ordinal));
        await HttpAssert.ErrorAsync(bad, HttpStatusCode.BadRequest, "invalid_request");
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string client, string secret)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = Basic(client, secret);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string client, string secret, string? json = null)
    {
        using var request = Request(method, path, client, secret);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _server.Client.SendAsync(request, Token);
    }
}
