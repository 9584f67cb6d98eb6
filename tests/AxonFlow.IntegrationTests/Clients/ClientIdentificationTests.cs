using System.Net;
using System.Text;
using System.Text.Json;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Clients;

/// <summary>
/// X-Axonflow-Client through the real pipeline in SaaS mode (authenticated clients): the one-time upgrade hint, the
/// version-floor warning, the audit trail's client column and the per-client counter. Each test uses its own clients,
/// because the hint memory belongs to the server process.
/// </summary>
public sealed class ClientIdentificationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Hint = "X-Axonflow-Upgrade-Hint";
    private const string Warning = "X-Axonflow-Client-Warning";

    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Mode = DeploymentMode.Saas });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NoHeader_HintsOncePerClient_AndAnotherClientGetsItsOwn()
    {
        var a = await CredentialAsync("hint-a");
        var b = await CredentialAsync("hint-b");

        using var firstA = await SendAsync(HttpMethod.Get, "/api/v1/identity", a, header: null);
        using var secondA = await SendAsync(HttpMethod.Get, "/api/v1/identity", a, header: null);
        using var firstB = await SendAsync(HttpMethod.Get, "/api/v1/identity", b, header: null);

        Assert.Equal(HttpStatusCode.OK, firstA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondA.StatusCode);
        Assert.Contains("8.1.0", HeaderValue(firstA, Hint), StringComparison.Ordinal);
        Assert.Contains("/health", HeaderValue(firstA, Hint), StringComparison.Ordinal);
        Assert.Null(HeaderValue(secondA, Hint));
        Assert.NotNull(HeaderValue(firstB, Hint));
        Assert.Single(_server.Logs.Entries, e => e.EventId.Id == 1101 && e.Message.Contains("Client hint-a ", StringComparison.Ordinal));
        Assert.Single(_server.Logs.Entries, e => e.EventId.Id == 1101 && e.Message.Contains("Client hint-b ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IdentifiedClient_GetsNoHint()
    {
        var client = await CredentialAsync("hint-sdk");

        using var response = await SendAsync(HttpMethod.Get, "/api/v1/identity", client, "sdk-python/8.1.0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(HeaderValue(response, Hint));
        Assert.Null(HeaderValue(response, Warning));
    }

    [Theory]
    [InlineData("bad-space", "sdk-go 8.1.0")]
    [InlineData("bad-control", "sdk-go/8.1.0\u0007")]
    [InlineData("bad-list", "sdk-go/8.1.0, openclaw/2.5.0")]
    [InlineData("bad-version", "sdk-go/latest")]
    public async Task MalformedHeader_IsServed_TreatedAsAbsent_AndRecordedAsNoClient(string clientId, string header)
    {
        var client = await CredentialAsync(clientId);

        using var response = await SendAsync(HttpMethod.Post, "/api/request", client, header, """{"query":"hello there","request_type":"chat","user_id":"u-bad"}""");
        var entry = await SingleAuditEntryAsync(client);

        await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.NotNull(HeaderValue(response, Hint));
        Assert.Null(HeaderValue(response, Warning));
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("client").ValueKind);
    }

    [Theory]
    [InlineData("sdk-go/7.1.0", "8.0.0")]
    [InlineData("sdk-typescript/8.0.0-rc.1", "8.0.0")]
    [InlineData("openclaw/2.2.0", "2.4.0")]
    public async Task VersionBelowTheFloor_IsServedWithAWarningOnEveryResponse(string header, string minimum)
    {
        var client = await CredentialAsync($"old-{header.Split('/')[0]}");

        using var first = await SendAsync(HttpMethod.Get, "/api/v1/identity", client, header);
        using var second = await SendAsync(HttpMethod.Get, "/api/v1/identity", client, header);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains($"{header} is below the minimum supported version {minimum}", HeaderValue(first, Warning), StringComparison.Ordinal);
        Assert.NotNull(HeaderValue(second, Warning));
        Assert.Null(HeaderValue(first, Hint));
        Assert.Single(_server.Logs.Entries, e => e.EventId.Id == 1102 && e.Message.Contains($"Client {client.Id} runs {header}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sdk-go/8.0.0")]
    [InlineData("sdk-go/8.1.0")]
    [InlineData("openclaw/2.5.0")]
    [InlineData("n8n-plugin/0.1.0")]
    [InlineData("my-internal-tool/0.0.1")]
    public async Task CurrentOrUnlistedVersion_GetsNoWarning(string header)
    {
        var client = await CredentialAsync($"new-{header.Split('/')[0]}-{header.Split('/')[1]}");

        using var response = await SendAsync(HttpMethod.Get, "/api/v1/identity", client, header);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(HeaderValue(response, Warning));
    }

    [Fact]
    public async Task AuditTrail_RecordsTheCanonicalClientOnEveryGovernedPath()
    {
        var client = await CredentialAsync("audit-client");

        using var proxy = await SendAsync(HttpMethod.Post, "/api/request", client, " SDK-Python/8.1.0 ", """{"query":"hello there","request_type":"chat"}""");
        using var tool = await SendAsync(HttpMethod.Post, "/api/v1/audit/tool-call", client, "openclaw/2.5.0", """{"tool_name":"crm.lookup","success":true}""");
        using var preCheck = await SendAsync(HttpMethod.Post, "/api/policy/pre-check", client, "cursor-plugin/1.5.0", """{"query":"Summarise the report","client_id":"audit-client"}""");
        var contextId = (await HttpAssert.JsonAsync(preCheck, HttpStatusCode.OK)).GetProperty("context_id").GetString();
        using var llmCall = await SendAsync(
            HttpMethod.Post,
            "/api/audit/llm-call",
            client,
            "sdk-go/8.1.0",
            $$$"""{"context_id":"{{{contextId}}}","client_id":"audit-client","provider":"openai","model":"gpt-4","token_usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""");
        await HttpAssert.JsonAsync(proxy, HttpStatusCode.OK);
        await HttpAssert.JsonAsync(tool, HttpStatusCode.OK);
        await HttpAssert.JsonAsync(llmCall, HttpStatusCode.OK);

        using var search = await SendAsync(HttpMethod.Post, "/api/v1/audit/search", client, null, """{"client_id":"audit-client"}""");
        var byType = (await HttpAssert.JsonAsync(search, HttpStatusCode.OK)).GetProperty("entries").EnumerateArray()
            .ToDictionary(e => e.GetProperty("request_type").GetString()!, e => e.GetProperty("client").GetString(), StringComparer.Ordinal);

        Assert.Equal("sdk-python/8.1.0", byType["chat"]);
        Assert.Equal("openclaw/2.5.0", byType["tool_call"]);
        Assert.Equal("cursor-plugin/1.5.0", byType["pre-check"]);
        Assert.Equal("sdk-go/8.1.0", byType["llm-call"]);
    }

    [Fact]
    public async Task Metrics_CountRequestsByClientWithBoundedLabels()
    {
        // The meter is per process and other test servers run beside this one, so exact counts are asserted only for
        // clients no other test sends.
        var client = await CredentialAsync("metrics-client");
        foreach (var header in new[] { "codex-plugin/1.5.0", "codex-plugin/1.6.0", "sdk-java/8.1.0", "acme-secret-tool/1.0.0", "not a header", null })
        {
            using var response = await SendAsync(HttpMethod.Get, "/api/v1/identity", client, header);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var lines = (await _server.Client.GetStringAsync("/metrics", Token)).Split('\n').Where(l => l.StartsWith("axonflow_client_requests_total{", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, Count(lines, "client=\"codex-plugin\"", "scope=\"plugin\""));
        Assert.Equal(1, Count(lines, "client=\"sdk-java\"", "scope=\"sdk\""));
        Assert.True(Count(lines, "client=\"other\"", "scope=\"full\"") >= 1);
        Assert.True(Count(lines, "client=\"malformed\"", "scope=\"full\"") >= 1);
        Assert.True(Count(lines, "client=\"none\"", "scope=\"full\"") >= 1);
        Assert.DoesNotContain(lines, l => l.Contains("acme-secret-tool", StringComparison.Ordinal));
    }

    private static double Count(List<string> lines, string client, string scope) =>
        lines.Where(l => l.Contains(client, StringComparison.Ordinal) && l.Contains(scope, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private async Task<(string Id, string Secret)> CredentialAsync(string client) =>
        (client, (await _server.IssueCredentialAsync($"org-{client}", client)).Secret);

    private async Task<JsonElement> SingleAuditEntryAsync((string Id, string Secret) client)
    {
        using var search = await SendAsync(HttpMethod.Post, "/api/v1/audit/search", client, null, "{}");
        return Assert.Single((await HttpAssert.JsonAsync(search, HttpStatusCode.OK)).GetProperty("entries").EnumerateArray());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, (string Id, string Secret) client, string? header, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = AxonFlowTestServer.Basic(client.Id, client.Secret);
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Axonflow-Client", header);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _server.Client.SendAsync(request, Token);
    }
}
