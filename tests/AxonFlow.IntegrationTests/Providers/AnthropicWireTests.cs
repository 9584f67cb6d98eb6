namespace AxonFlow.IntegrationTests.Providers;

/// <summary>The Anthropic Messages wire as a real server receives it.</summary>
public sealed class AnthropicWireTests : IAsyncLifetime
{
    private FakeProviderServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CompleteAsync_Anthropic_PostsMessagesWithKeyAndVersionHeaders()
    {
        await using var host = new RouterConfig().Anthropic(_server).Start();

        await host.SucceedAsync("What is the weather today?");

        var request = _server.LastRequest;
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal(RouterConfig.AnthropicKey, request.Header("x-api-key"));
        Assert.Equal("2023-06-01", request.Header("anthropic-version"));
        Assert.Null(request.Header("authorization"));
        Assert.Equal("claude-sonnet-4-20250514", request.Body.GetProperty("model").GetString());
        Assert.Equal(4096, request.Body.GetProperty("max_tokens").GetInt32());
        Assert.False(request.Body.TryGetProperty("system", out _));
        var message = Assert.Single(request.Body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("What is the weather today?", message.GetProperty("content").GetString());
    }

    [Fact]
    public async Task CompleteAsync_SystemPrompt_IsTopLevelNotAMessage()
    {
        await using var host = new RouterConfig().Anthropic(_server).Start();

        await host.CompleteAsync(LlmRequests.WithSystem("You are terse.", "Hi"));

        var body = _server.LastRequest.Body;
        Assert.Equal("You are terse.", body.GetProperty("system").GetString());
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
    }

    [Fact]
    public async Task CompleteAsync_CallerOptions_AreSentOnTheWire()
    {
        await using var host = new RouterConfig().Anthropic(_server).With("ANTHROPIC_MODEL", "claude-3-5-haiku-latest").Start();

        await host.CompleteAsync(LlmRequests.Chat("Hi", maxTokens: 300, temperature: 0.5));

        var body = _server.LastRequest.Body;
        Assert.Equal("claude-3-5-haiku-latest", body.GetProperty("model").GetString());
        Assert.Equal(300, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble());
    }

    [Fact]
    public async Task CompleteAsync_Answer_JoinsTextBlocksAndCarriesTokensAndCost()
    {
        _server.AnswerText = "It is sunny and warm.";
        _server.AnswerModel = "claude-sonnet-4-20250514";
        _server.PromptTokens = 1000;
        _server.CompletionTokens = 1000;
        await using var host = new RouterConfig().Anthropic(_server).Start();

        var completion = await host.SucceedAsync();

        Assert.Equal("anthropic", completion.Provider);
        Assert.Equal("claude-sonnet-4-20250514", completion.Model);
        Assert.Equal("It is sunny and warm.", completion.Content);
        Assert.Equal(1000, completion.PromptTokens);
        Assert.Equal(1000, completion.CompletionTokens);
        Assert.Equal(0.018m, completion.CostUsd);
    }

    [Fact]
    public async Task CompleteAsync_UpstreamEchoesTheKey_KeyAppearsNowhere()
    {
        _server.Behavior = FakeBehavior.Unauthorized;
        await using var host = new RouterConfig().Anthropic(_server).Start();

        var failure = await host.FailAsync();

        Assert.Contains("HTTP 401", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RouterConfig.AnthropicKey, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains(RouterConfig.AnthropicKey, StringComparison.Ordinal));
    }
}
