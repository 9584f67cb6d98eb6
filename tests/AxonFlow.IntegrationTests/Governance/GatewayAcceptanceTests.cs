using System.Net;
using System.Text;
using System.Text.Json;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using static AxonFlow.IntegrationTests.Infrastructure.AxonFlowTestServer;

namespace AxonFlow.IntegrationTests.Governance;

/// <summary>The acceptance cases of the governance issue, through the real pipeline, in community mode.</summary>
public sealed class GatewayAcceptanceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly string[] DataSources = ["postgres"];

    private AxonFlowTestServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await StartAsync(fixture.Database);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("Look up customer with SSN 123-45-6789", false, "sys_pii_ssn", "SSN")]
    [InlineData("My SSN is 123-45-6789", false, "sys_pii_ssn", "SSN")]
    [InlineData("Process payment for card 4111-1111-1111-1111", false, "sys_pii_credit_card", null)]
    [InlineData("SELECT * FROM users UNION SELECT * FROM passwords", false, "sys_sqli_", null)]
    [InlineData("SELECT * FROM users; DROP TABLE users;--", false, "sys_sqli_", null)]
    public async Task PreCheck_BlocksWhatMustBeBlocked(string query, bool approved, string policyPrefix, string? reasonPart)
    {
        var json = await PreCheckAsync("app", query);

        Assert.Equal(approved, json.GetProperty("approved").GetBoolean());
        Assert.Contains(json.GetProperty("policies").EnumerateArray(), p => p.GetString()!.StartsWith(policyPrefix, StringComparison.Ordinal));
        var reason = json.GetProperty("block_reason").GetString();
        Assert.False(string.IsNullOrWhiteSpace(reason));
        if (reasonPart is not null)
        {
            Assert.Contains(reasonPart, reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PreCheck_BenignQuestion_IsApprovedWithNoPolicies()
    {
        var before = TimeProvider.System.GetUtcNow();
        var json = await PreCheckAsync("app", "What is the weather today?");

        Assert.True(json.GetProperty("approved").GetBoolean());
        Assert.Equal(0, json.GetProperty("policies").GetArrayLength());
        Assert.False(json.GetProperty("requires_redaction").GetBoolean());
        Assert.True(Guid.TryParse(json.GetProperty("context_id").GetString(), out _));
        var expires = json.GetProperty("expires_at").GetDateTimeOffset();
        Assert.InRange(expires, before.AddMinutes(5).AddSeconds(-30), TimeProvider.System.GetUtcNow().AddMinutes(5).AddSeconds(30));
        var rate = json.GetProperty("rate_limit");
        Assert.True(rate.GetProperty("limit").GetInt32() > 0);
        Assert.True(rate.GetProperty("remaining").GetInt32() < rate.GetProperty("limit").GetInt32());
        Assert.True(rate.GetProperty("reset_at").GetDateTimeOffset() > before);
    }

    [Fact]
    public async Task PreCheck_NotACardNumber_IsNotACardHit()
    {
        var json = await PreCheckAsync("app", "Process payment for card 4111-1111-1111-1112");

        Assert.DoesNotContain(json.GetProperty("policies").EnumerateArray(), p => p.GetString() == "sys_pii_credit_card");
    }

    [Fact]
    public async Task PreCheck_EmailAddress_IsApprovedAndNotMistakenForUpi()
    {
        var json = await PreCheckAsync("app", "Send invoice to john.doe@example.com");

        Assert.True(json.GetProperty("approved").GetBoolean());
        Assert.DoesNotContain(json.GetProperty("policies").EnumerateArray(), p => p.GetString()!.Contains("upi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LlmCallAudit_ForTheCallersContext_IsRecorded_AndAnythingElseIs400()
    {
        var context = (await PreCheckAsync("gw-app", "Summarise the quarterly report")).GetProperty("context_id").GetString();
        const string Call = """{"context_id":"%ID%","client_id":"%CLIENT%","response_summary":"summary","provider":"openai","model":"gpt-4","token_usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15},"latency_ms":250,"metadata":{"s":1}}""";

        var ok = await HttpAssert.JsonAsync(await PostAsync("/api/audit/llm-call", "gw-app", Call.Replace("%ID%", context, StringComparison.Ordinal).Replace("%CLIENT%", "gw-app", StringComparison.Ordinal)), HttpStatusCode.OK);
        var unknown = await PostAsync("/api/audit/llm-call", "gw-app", Call.Replace("%ID%", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("%CLIENT%", "gw-app", StringComparison.Ordinal));
        var garbage = await PostAsync("/api/audit/llm-call", "gw-app", Call.Replace("%ID%", "ctx-1", StringComparison.Ordinal).Replace("%CLIENT%", "gw-app", StringComparison.Ordinal));
        var otherClient = await PostAsync("/api/audit/llm-call", "gw-other", Call.Replace("%ID%", context, StringComparison.Ordinal).Replace("%CLIENT%", "gw-other", StringComparison.Ordinal));

        Assert.True(ok.GetProperty("success").GetBoolean());
        Assert.True(Guid.TryParse(ok.GetProperty("audit_id").GetString(), out _));
        foreach (var refused in new[] { unknown, garbage, otherClient })
        {
            var error = await HttpAssert.ErrorAsync(refused, HttpStatusCode.BadRequest, "invalid_context");
            Assert.Equal("Invalid or expired context", error.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task PreCheck_IsRecordedInTheAuditTrail()
    {
        await PreCheckAsync("trail-app", "Look up customer with SSN 123-45-6789");

        var search = await HttpAssert.JsonAsync(await PostAsync("/api/v1/audit/search", "trail-app", """{"client_id":"trail-app","request_type":"pre-check"}"""), HttpStatusCode.OK);

        var entry = Assert.Single(search.GetProperty("entries").EnumerateArray());
        Assert.Equal("blocked", entry.GetProperty("decision").GetString());
        Assert.DoesNotContain("123-45-6789", entry.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("[REDACTED:sys_pii_ssn]", entry.GetProperty("query").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreCheck_MissingQuery_Is400()
    {
        await HttpAssert.ErrorAsync(await PostAsync("/api/policy/pre-check", "app", """{"client_id":"app"}"""), HttpStatusCode.BadRequest, "invalid_request");
    }

    private async Task<JsonElement> PreCheckAsync(string client, string query)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["user_token"] = "user-1", ["client_id"] = client, ["query"] = query, ["data_sources"] = DataSources, ["context"] = new { k = "v" } });
        return await HttpAssert.JsonAsync(await PostAsync("/api/policy/pre-check", client, body), HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string client, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = Basic(client, string.Empty);
        return await _server.Client.SendAsync(request, Token);
    }
}
