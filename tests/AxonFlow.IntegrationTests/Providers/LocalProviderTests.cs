using AxonFlow.Server.Providers;

namespace AxonFlow.IntegrationTests.Providers;

/// <summary>The built-in provider: the default with no keys, no network, the same answer for the same prompt.</summary>
public sealed class LocalProviderTests
{
    private static RouterConfig NoKeys() => new();

    [Fact]
    public async Task AddLlmProviders_NoKeys_ConfiguresOnlyTheLocalProvider()
    {
        await using var host = NoKeys().Start();

        var health = Assert.Single(host.Router.Health);

        Assert.Equal(new ProviderHealth("local", "local", true, "closed", 0, 0, null), health);
    }

    [Fact]
    public async Task CompleteAsync_NoKeys_AnswersDeterministically()
    {
        await using var host = NoKeys().Start();

        var first = await host.SucceedAsync("What is the weather today?");
        var second = await host.SucceedAsync("What is the weather today?");

        Assert.Equal(first.Content, second.Content);
        Assert.StartsWith("AxonFlow local provider (deterministic): ", first.Content, StringComparison.Ordinal);
        Assert.Contains("\"What is the weather today?\"", first.Content, StringComparison.Ordinal);
        Assert.Equal("local", first.Provider);
        Assert.Equal("axonflow-local", first.Model);
        Assert.Equal(0m, first.CostUsd);
        Assert.Equal(7, first.PromptTokens);
        Assert.Equal((first.Content.Length + 3) / 4, first.CompletionTokens);
    }

    [Fact]
    public async Task CompleteAsync_DifferentPrompts_GetDifferentAnswers()
    {
        await using var host = NoKeys().Start();

        var first = await host.SucceedAsync("Tell me about tigers.");
        var second = await host.SucceedAsync("Tell me about lions.");

        Assert.NotEqual(first.Content, second.Content);
    }

    [Fact]
    public async Task CompleteAsync_LongMultilinePrompt_QuotesABoundedSingleLine()
    {
        await using var host = NoKeys().Start();

        var completion = await host.SucceedAsync(string.Concat(Enumerable.Repeat("line one\nline two\r\n", 100)));

        Assert.DoesNotContain('\n', completion.Content);
        Assert.True(completion.Content.Length < 400, $"Quote not bounded: {completion.Content.Length} characters.");
    }

    [Fact]
    public async Task AddLlmProviders_WithAProviderKey_LeavesLocalOut()
    {
        await using var host = new RouterConfig().With("OPENAI_API_KEY", RouterConfig.OpenAiKey).Start();

        Assert.Equal(["openai"], host.Router.Health.Select(h => h.Name));
    }

    [Fact]
    public async Task AddLlmProviders_DefaultProviderLocal_KeepsLocalBesideTheOthers()
    {
        await using var host = new RouterConfig().With("OPENAI_API_KEY", RouterConfig.OpenAiKey).With("DEFAULT_LLM_PROVIDER", "local").Start();

        var completion = await host.SucceedAsync();

        Assert.Equal(["openai", "local"], host.Router.Health.Select(h => h.Name));
        Assert.Equal("local", completion.Provider);
    }
}
