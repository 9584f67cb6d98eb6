using AxonFlow.Server.Providers;

namespace AxonFlow.IntegrationTests.Providers;

/// <summary>The OpenAI chat-completions wire as a real server receives it, for OpenAI itself, Azure OpenAI and Ollama.</summary>
public sealed class OpenAiWireTests : IAsyncLifetime
{
    private FakeProviderServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CompleteAsync_OpenAi_PostsChatCompletionsWithBearerKey()
    {
        await using var host = new RouterConfig().OpenAi(_server).Start();

        await host.SucceedAsync("What is the weather today?");

        var request = _server.LastRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {RouterConfig.OpenAiKey}", request.Header("authorization"));
        Assert.StartsWith("application/json", request.Header("content-type"), StringComparison.Ordinal);
        Assert.Null(request.Header("api-key"));
        Assert.Equal("axonflow/9.0.0", request.Header("user-agent"));
        Assert.Equal("gpt-4o", request.Body.GetProperty("model").GetString());
        var message = Assert.Single(request.Body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("What is the weather today?", message.GetProperty("content").GetString());
        Assert.False(request.Body.TryGetProperty("max_tokens", out _));
        Assert.False(request.Body.TryGetProperty("temperature", out _));
    }

    [Fact]
    public async Task CompleteAsync_CallerOptions_AreSentOnTheWire()
    {
        await using var host = new RouterConfig().OpenAi(_server).Start();

        await host.CompleteAsync(LlmRequests.Chat("Summarise this.", model: "gpt-4o-mini", maxTokens: 256, temperature: 0.2));

        var body = _server.LastRequest.Body;
        Assert.Equal("gpt-4o-mini", body.GetProperty("model").GetString());
        Assert.Equal(256, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.2, body.GetProperty("temperature").GetDouble());
    }

    [Fact]
    public async Task CompleteAsync_SystemPrompt_TravelsAsASystemMessage()
    {
        await using var host = new RouterConfig().OpenAi(_server).Start();

        await host.CompleteAsync(LlmRequests.WithSystem("You are terse.", "Hi"));

        var roles = _server.LastRequest.Body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString());
        Assert.Equal(["system", "user"], roles);
    }

    [Fact]
    public async Task CompleteAsync_Answer_CarriesContentTokensAndCost()
    {
        _server.AnswerText = "It is sunny.";
        _server.PromptTokens = 1000;
        _server.CompletionTokens = 500;
        await using var host = new RouterConfig().OpenAi(_server).Start();

        var completion = await host.SucceedAsync();

        Assert.Equal("openai", completion.Provider);
        Assert.Equal("gpt-4o", completion.Model);
        Assert.Equal("It is sunny.", completion.Content);
        Assert.Equal(1000, completion.PromptTokens);
        Assert.Equal(500, completion.CompletionTokens);
        Assert.Equal(1500, completion.TotalTokens);
        Assert.Equal(0.0075m, completion.CostUsd);
        Assert.True(completion.Latency > TimeSpan.Zero);
    }

    [Fact]
    public async Task CompleteAsync_DatedModelSnapshot_IsPricedByItsFamily()
    {
        _server.AnswerModel = "gpt-4o-mini-2024-07-18";
        _server.PromptTokens = 2000;
        _server.CompletionTokens = 1000;
        await using var host = new RouterConfig().OpenAi(_server).Start();

        var completion = await host.SucceedAsync();

        Assert.Equal("gpt-4o-mini-2024-07-18", completion.Model);
        Assert.Equal(0.0009m, completion.CostUsd);
    }

    [Fact]
    public async Task CompleteAsync_AnswerWithoutUsage_EstimatesTokens()
    {
        _server.Behavior = FakeBehavior.AnswerWithoutUsage;
        _server.AnswerText = new string('a', 40);
        await using var host = new RouterConfig().OpenAi(_server).Start();

        var completion = await host.SucceedAsync(new string('b', 80));

        Assert.Equal(20, completion.PromptTokens);
        Assert.Equal(10, completion.CompletionTokens);
    }

    [Fact]
    public async Task CompleteAsync_UpstreamEchoesTheKey_KeyAppearsNowhere()
    {
        _server.Behavior = FakeBehavior.Unauthorized;
        await using var host = new RouterConfig().OpenAi(_server).Start();

        var failure = await host.FailAsync();

        Assert.Equal(LlmFailureKind.UpstreamError, failure.Kind);
        Assert.Contains("HTTP 401", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[redacted]", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RouterConfig.OpenAiKey, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(RouterConfig.OpenAiKey, string.Join('\n', host.Router.Health), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains(RouterConfig.OpenAiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompleteAsync_AzureOpenAi_UsesTheDeploymentPathAndApiKeyHeader()
    {
        _server.AnswerModel = "gpt-4o";
        await using var host = new RouterConfig()
            .With("AZURE_OPENAI_ENDPOINT", _server.BaseUri.ToString())
            .With("AZURE_OPENAI_API_KEY", RouterConfig.AzureKey)
            .With("AZURE_OPENAI_DEPLOYMENT_NAME", "gpt4o-prod")
            .With("AZURE_OPENAI_API_VERSION", "2024-06-01")
            .Start();

        var completion = await host.SucceedAsync();

        var request = _server.LastRequest;
        Assert.Equal("/openai/deployments/gpt4o-prod/chat/completions", request.Path);
        Assert.Equal("?api-version=2024-06-01", request.Query);
        Assert.Equal(RouterConfig.AzureKey, request.Header("api-key"));
        Assert.Null(request.Header("authorization"));
        Assert.Equal("azure-openai", completion.Provider);
        Assert.Equal("openai", host.HealthOf("azure-openai").Type);
        Assert.Equal(new ProviderHealth("azure-openai", "openai", true, "closed", 1, 0, host.HealthOf("azure-openai").LastLatencyMs), host.HealthOf("azure-openai"));
        Assert.True(completion.CostUsd > 0, "Azure deployments of OpenAI models are priced from the OpenAI table.");
    }

    [Fact]
    public async Task CompleteAsync_Ollama_UsesTheOpenAiCompatibleApiWithoutAuthorization()
    {
        await using var host = new RouterConfig().With("OLLAMA_ENDPOINT", new Uri(_server.BaseUri, "v1").ToString()).Start();

        var completion = await host.SucceedAsync();

        var request = _server.LastRequest;
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Null(request.Header("authorization"));
        Assert.Equal("llama3.1:latest", request.Body.GetProperty("model").GetString());
        Assert.Equal("ollama", completion.Provider);
        Assert.Equal(0m, completion.CostUsd);
    }
}
