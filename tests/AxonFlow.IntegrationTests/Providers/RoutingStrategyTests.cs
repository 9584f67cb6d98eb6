using AxonFlow.Server.Providers;

namespace AxonFlow.IntegrationTests.Providers;

/// <summary>Which provider answers: caller preference, <c>DEFAULT_LLM_PROVIDER</c>, then weighted / round_robin / failover.</summary>
public sealed class RoutingStrategyTests : IAsyncLifetime
{
    private FakeProviderServer _openAi = null!;
    private FakeProviderServer _anthropic = null!;

    public async ValueTask InitializeAsync()
    {
        _openAi = await FakeProviderServer.StartAsync();
        _anthropic = await FakeProviderServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _openAi.DisposeAsync();
        await _anthropic.DisposeAsync();
    }

    private RouterConfig Both() => new RouterConfig().OpenAi(_openAi).Anthropic(_anthropic);

    private static async Task<List<string>> AnswerersAsync(RouterHost host, int requests, LlmRequest? request = null)
    {
        var providers = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            var result = await host.CompleteAsync(request ?? LlmRequests.Chat($"question {i}"));
            providers.Add(Assert.IsType<LlmResult.Success>(result).Completion.Provider);
        }

        return providers;
    }

    [Fact]
    public async Task Weighted_AllWeightOnOneProvider_SendsEverythingThere()
    {
        await using var host = Both().Weights("openai:100,anthropic:0").Start();

        var answerers = await AnswerersAsync(host, 20);

        Assert.All(answerers, p => Assert.Equal("openai", p));
        Assert.Equal(0, _anthropic.RequestCount);
    }

    [Fact]
    public async Task Weighted_NinetyTen_SplitsInProportion()
    {
        await using var host = Both().Weights("openai:90,anthropic:10").Start();

        var answerers = await AnswerersAsync(host, 200);

        // Binomial(200, 0.1): mean 20, sd ≈ 4.2; these bounds fail with probability below one in a billion.
        var anthropic = answerers.Count(p => p == "anthropic");
        Assert.InRange(anthropic, 1, 50);
        Assert.Equal(200 - anthropic, _openAi.RequestCount);
    }

    [Fact]
    public async Task Weighted_NoWeights_UsesEveryProvider()
    {
        await using var host = Both().Start();

        var answerers = await AnswerersAsync(host, 100);

        Assert.InRange(answerers.Count(p => p == "openai"), 15, 85);
    }

    [Fact]
    public async Task RoundRobin_HealthyProviders_TakeTurns()
    {
        await using var host = Both().Strategy("round_robin").Start();

        var answerers = await AnswerersAsync(host, 6);

        Assert.Equal(3, answerers.Count(p => p == "openai"));
        Assert.All(answerers.Zip(answerers.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task Failover_AlwaysUsesTheHighestWeightedHealthyProvider()
    {
        await using var host = Both().Strategy("failover").Weights("openai:10,anthropic:90").Start();

        var answerers = await AnswerersAsync(host, 10);

        Assert.All(answerers, p => Assert.Equal("anthropic", p));
    }

    [Fact]
    public async Task Failover_NoWeights_UsesConfigurationOrder()
    {
        await using var host = Both().Strategy("failover").Start();

        var answerers = await AnswerersAsync(host, 5);

        Assert.All(answerers, p => Assert.Equal("anthropic", p));
    }

    [Fact]
    public async Task CompleteAsync_CallerPrefersAConfiguredProvider_IsHonoured()
    {
        await using var host = Both().Weights("openai:100,anthropic:0").Start();

        var answerers = await AnswerersAsync(host, 5, LlmRequests.Chat("hi", provider: "anthropic"));

        Assert.All(answerers, p => Assert.Equal("anthropic", p));
    }

    [Fact]
    public async Task CompleteAsync_CallerPrefersAnUnknownProvider_FallsBackToTheStrategy()
    {
        await using var host = Both().Weights("openai:100,anthropic:0").Start();

        var answerers = await AnswerersAsync(host, 5, LlmRequests.Chat("hi", provider: "gemini"));

        Assert.All(answerers, p => Assert.Equal("openai", p));
    }

    [Fact]
    public async Task CompleteAsync_DefaultProvider_IsUsedWhenTheCallerHasNoPreference()
    {
        await using var host = Both().Weights("openai:100,anthropic:0").With("DEFAULT_LLM_PROVIDER", "anthropic").Start();

        var answerers = await AnswerersAsync(host, 5);

        Assert.All(answerers, p => Assert.Equal("anthropic", p));
    }

    [Fact]
    public async Task CompleteAsync_CallerModel_AppliesOnlyToTheProviderAskedFor()
    {
        _anthropic.Behavior = FakeBehavior.ServerError;
        await using var host = Both().Start();

        var completion = Assert.IsType<LlmResult.Success>(await host.CompleteAsync(LlmRequests.Chat("hi", provider: "anthropic", model: "claude-opus-4-1"))).Completion;

        Assert.Equal("claude-opus-4-1", _anthropic.LastRequest.Body.GetProperty("model").GetString());
        Assert.Equal("openai", completion.Provider);
        Assert.Equal("gpt-4o", _openAi.LastRequest.Body.GetProperty("model").GetString());
    }
}
