using System.Net;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Governance;

/// <summary>Standalone MCP checks: an integer policies_evaluated, and 403 with the normal body when blocked.</summary>
public sealed class McpCheckTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private AxonFlowTestServer _server = null!;
    private GovernanceClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await AxonFlowTestServer.StartAsync(fixture.Database);
        _client = new GovernanceClient(_server, "mcp-app");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CheckInput_Injection_Is403NotAllowed()
    {
        var json = await HttpAssert.JsonAsync(
            await _client.PostAsync("/api/v1/mcp/check-input", new { connector_type = "postgres", statement = "SELECT * FROM users WHERE id = 1 OR 1=1; DROP TABLE users;--", operation = "execute" }),
            HttpStatusCode.Forbidden);

        Assert.False(json.GetProperty("allowed").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("block_reason").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, json.GetProperty("policies_evaluated").ValueKind);
        Assert.True(json.GetProperty("policies_evaluated").GetInt32() > 0);
        Assert.NotEqual(0, json.GetProperty("policy_info").GetProperty("matched_policies").GetArrayLength());
    }

    [Fact]
    public async Task CheckInput_Benign_IsAllowed()
    {
        var json = await HttpAssert.JsonAsync(await _client.PostAsync("/api/v1/mcp/check-input", new { connector_type = "postgres", statement = "SELECT name FROM products WHERE id = $1" }), HttpStatusCode.OK);

        Assert.True(json.GetProperty("allowed").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, json.GetProperty("policies_evaluated").ValueKind);
    }

    [Fact]
    public async Task EvaluatePolicies_AcceptsQuery()
    {
        var json = await HttpAssert.JsonAsync(await _client.PostAsync("/api/v1/mcp/evaluate-policies", new { query = "SELECT * FROM users UNION SELECT * FROM passwords" }), HttpStatusCode.Forbidden);

        Assert.False(json.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task CheckOutput_PiiInRows_IsRedacted_AndLimitsAreReported()
    {
        // On output, what would block a prompt redacts the data instead: the rows may leave, the SSN may not.
        var json = await HttpAssert.JsonAsync(
            await _client.PostJsonAsync("/api/v1/mcp/check-output", """{"connector_type":"postgres","response_data":[{"name":"Ann","ssn":"123-45-6789"}],"row_count":1}"""),
            HttpStatusCode.OK);

        Assert.True(json.GetProperty("allowed").GetBoolean());
        var redacted = json.GetProperty("redacted_data").GetString();
        Assert.NotNull(redacted);
        Assert.DoesNotContain("123-45-6789", redacted, StringComparison.Ordinal);
        Assert.Contains("Ann", redacted, StringComparison.Ordinal);
        Assert.Equal(1, json.GetProperty("exfiltration_info").GetProperty("rows_returned").GetInt32());
        Assert.True(json.GetProperty("exfiltration_info").GetProperty("within_limits").GetBoolean());
    }

    [Fact]
    public async Task CheckOutput_TooManyRows_Is403()
    {
        var json = await HttpAssert.JsonAsync(await _client.PostAsync("/api/v1/mcp/check-output", new { connector_type = "postgres", message = "ok", row_count = 50_000 }), HttpStatusCode.Forbidden);

        Assert.False(json.GetProperty("exfiltration_info").GetProperty("within_limits").GetBoolean());
    }

    [Fact]
    public async Task CheckInput_MissingStatement_Is400()
    {
        await HttpAssert.ErrorAsync(await _client.PostJsonAsync("/api/v1/mcp/check-input", """{"connector_type":"postgres"}"""), HttpStatusCode.BadRequest, "invalid_request");
    }
}
