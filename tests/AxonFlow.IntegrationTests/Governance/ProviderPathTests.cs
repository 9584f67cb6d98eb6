using System.Net;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.IntegrationTests.Providers;

namespace AxonFlow.IntegrationTests.Governance;

/// <summary>The governed path against a real loopback OpenAI-format provider: redaction on the way in and out, failures mapped to 502/504.</summary>
public sealed class ProviderPathTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private FakeProviderServer _provider = null!;
    private AxonFlowTestServer _server = null!;
    private GovernanceClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _provider = await FakeProviderServer.StartAsync();
        var settings = new RouterConfig().OpenAi(_provider, timeoutSeconds: "1").Values;
        _server = await AxonFlowTestServer.StartAsync(fixture.Database, providerSettings: settings);
        _client = new GovernanceClient(_server, "provider-app");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Answer_WithPiiFromTheProvider_IsRedactedBeforeItReachesTheCaller()
    {
        _provider.Behavior = FakeBehavior.Answer;
        _provider.AnswerText = "The customer's card is 4111-1111-1111-1111 and email ops@example.com.";

        var json = await HttpAssert.JsonAsync(await _client.PostAsync("/api/request", new { query = "Which card is on file?", request_type = "chat" }), HttpStatusCode.OK);
        var answer = json.GetProperty("result").GetString()!;

        Assert.DoesNotContain("4111-1111-1111-1111", answer, StringComparison.Ordinal);
        Assert.True(json.GetProperty("data").GetProperty("redacted").GetBoolean());
        Assert.Equal("openai", json.GetProperty("metadata").GetProperty("provider").GetString());
        Assert.Equal(12, json.GetProperty("metadata").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(7, json.GetProperty("metadata").GetProperty("completion_tokens").GetInt32());
        Assert.True(json.GetProperty("metadata").GetProperty("cost_usd").GetDecimal() > 0);
    }

    [Fact]
    public async Task UpstreamFailure_Is502WithJson_AndAuditedAsError()
    {
        _provider.Behavior = FakeBehavior.ServerError;

        var response = await _client.PostAsync("/api/request", new { query = "Tell me a joke", request_type = "chat", user_id = "u-502" });

        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadGateway, "upstream_error");
        var search = await HttpAssert.JsonAsync(await _client.PostJsonAsync("/api/v1/audit/search", """{"user_id":"u-502"}"""), HttpStatusCode.OK);
        Assert.Equal("error", Assert.Single(search.GetProperty("entries").EnumerateArray()).GetProperty("decision").GetString());
    }

    [Fact]
    public async Task UpstreamTimeout_Is504WithJson()
    {
        _provider.Behavior = FakeBehavior.Hang;

        await HttpAssert.ErrorAsync(await _client.PostAsync("/api/request", new { query = "Slow question", request_type = "chat" }), HttpStatusCode.GatewayTimeout, "upstream_timeout");
    }

    [Fact]
    public async Task BlockedPrompt_NeverReachesTheProvider()
    {
        _provider.Behavior = FakeBehavior.Answer;
        var before = _provider.RequestCount;

        var json = await HttpAssert.JsonAsync(await _client.PostAsync("/api/request", new { query = "My SSN is 123-45-6789", request_type = "chat" }), HttpStatusCode.OK);

        Assert.True(json.GetProperty("blocked").GetBoolean());
        Assert.Equal(before, _provider.RequestCount);
    }

    [Fact]
    public async Task Health_ListsTheProviderWithItsCircuit()
    {
        var json = await HttpAssert.JsonAsync(await _server.Client.GetAsync("/health", TestContext.Current.CancellationToken), HttpStatusCode.OK);

        var provider = Assert.Single(json.GetProperty("components").GetProperty("providers").EnumerateArray());
        Assert.Equal("openai", provider.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(provider.GetProperty("circuit_state").GetString()));
    }
}
