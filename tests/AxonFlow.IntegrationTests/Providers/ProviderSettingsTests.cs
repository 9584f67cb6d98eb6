using AxonFlow.Server.Providers;
using AxonFlow.Server.Providers.Pricing;
using AxonFlow.Server.Providers.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AxonFlow.IntegrationTests.Providers;

/// <summary>Provider settings: defaults, trimming, and every invalid value reported at once, naming its variable.</summary>
public sealed class ProviderSettingsTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static ProviderSettings Read(params (string Key, string? Value)[] values) => ProviderSettingsReader.Read(Configuration(values));

    private static ProviderSettingsException ReadFails(params (string Key, string? Value)[] values) =>
        Assert.Throws<ProviderSettingsException>(() => Read(values));

    [Fact]
    public void Read_Nothing_IsTheLocalProviderWithWeightedRouting()
    {
        var settings = Read();

        var local = Assert.Single(settings.Providers);
        Assert.Equal("local", local.Name);
        Assert.Null(local.RequestUri);
        Assert.Equal(RoutingStrategy.Weighted, settings.Strategy);
        Assert.Null(settings.DefaultProvider);
    }

    [Fact]
    public void Read_OpenAiKeyOnly_UsesTheOpenAiDefaults()
    {
        var openAi = Assert.Single(Read(("OPENAI_API_KEY", "sk-x")).Providers);

        Assert.Equal("openai", openAi.Name);
        Assert.Equal(new Uri("https://api.openai.com/v1/chat/completions"), openAi.RequestUri);
        Assert.Equal("gpt-4o", openAi.Model);
        Assert.Equal(TimeSpan.FromSeconds(30), openAi.Timeout);
    }

    [Fact]
    public void Read_AnthropicKeyOnly_UsesTheAnthropicDefaults()
    {
        var anthropic = Assert.Single(Read(("ANTHROPIC_API_KEY", "sk-ant-x")).Providers);

        Assert.Equal(new Uri("https://api.anthropic.com/v1/messages"), anthropic.RequestUri);
        Assert.Equal("claude-sonnet-4-20250514", anthropic.Model);
    }

    [Fact]
    public void Read_ValuesAreTrimmed()
    {
        var settings = Read(("OPENAI_API_KEY", "  sk-pasted\n"), ("OPENAI_MODEL", " gpt-4o-mini "), ("OPENAI_TIMEOUT_SECONDS", " 12.5 "), ("LLM_ROUTING_STRATEGY", " Round_Robin "));

        var openAi = Assert.Single(settings.Providers);
        Assert.Equal("sk-pasted", openAi.ApiKey);
        Assert.Equal("gpt-4o-mini", openAi.Model);
        Assert.Equal(TimeSpan.FromSeconds(12.5), openAi.Timeout);
        Assert.Equal(RoutingStrategy.RoundRobin, settings.Strategy);
    }

    [Theory]
    [InlineData("http://10.0.0.5:8000", "http://10.0.0.5:8000/v1/chat/completions")]
    [InlineData("http://10.0.0.5:8000/", "http://10.0.0.5:8000/v1/chat/completions")]
    [InlineData("http://10.0.0.5:8000/v1", "http://10.0.0.5:8000/v1/chat/completions")]
    [InlineData("http://10.0.0.5:8000/v1/", "http://10.0.0.5:8000/v1/chat/completions")]
    [InlineData("https://gateway.example/v1/chat/completions", "https://gateway.example/v1/chat/completions")]
    [InlineData("https://gateway.example/llm", "https://gateway.example/llm/v1/chat/completions")]
    public void Read_OpenAiEndpoint_YieldsTheRequestUrl(string endpoint, string expected)
    {
        var openAi = Assert.Single(Read(("OPENAI_API_KEY", "sk-x"), ("OPENAI_ENDPOINT", endpoint)).Providers);

        Assert.Equal(new Uri(expected), openAi.RequestUri);
    }

    [Fact]
    public void Read_OpenAiEndpointWithoutKey_IsAKeylessCompatibleServer()
    {
        var vllm = Assert.Single(Read(("OPENAI_ENDPOINT", "http://vllm:8000/v1")).Providers);

        Assert.Equal("openai", vllm.Name);
        Assert.Null(vllm.ApiKey);
    }

    [Fact]
    public void Read_Weights_AreParsedAndUnlistedProvidersGetZero()
    {
        var settings = Read(("OPENAI_API_KEY", "k"), ("ANTHROPIC_API_KEY", "k"), ("OLLAMA_ENDPOINT", "http://ollama:11434"), ("PROVIDER_WEIGHTS", " OpenAI:70 , anthropic:30 "));

        Assert.Equal(70, settings.Weights["openai"]);
        Assert.Equal(30, settings.Weights["anthropic"]);
        Assert.Equal(0, settings.Weights["ollama"]);
    }

    [Fact]
    public void Read_NoWeights_GivesEveryProviderOne()
    {
        var settings = Read(("OPENAI_API_KEY", "k"), ("ANTHROPIC_API_KEY", "k"));

        Assert.All(settings.Weights.Values, w => Assert.Equal(1, w));
        Assert.Equal(["anthropic", "openai"], settings.Providers.Select(p => p.Name));
    }

    [Theory]
    [InlineData("OPENAI_TIMEOUT_SECONDS", "x", "OPENAI_TIMEOUT_SECONDS must be a positive number, but was 'x'.")]
    [InlineData("OPENAI_TIMEOUT_SECONDS", "0", "OPENAI_TIMEOUT_SECONDS must be a positive number, but was '0'.")]
    [InlineData("OPENAI_TIMEOUT_SECONDS", "-5", "OPENAI_TIMEOUT_SECONDS must be a positive number, but was '-5'.")]
    [InlineData("OPENAI_TIMEOUT_SECONDS", "NaN", "OPENAI_TIMEOUT_SECONDS must be a positive number, but was 'NaN'.")]
    [InlineData("ANTHROPIC_TIMEOUT_SECONDS", "soon", "ANTHROPIC_TIMEOUT_SECONDS must be a positive number, but was 'soon'.")]
    [InlineData("ANTHROPIC_TIMEOUT_SECONDS", "7200", "ANTHROPIC_TIMEOUT_SECONDS must be at most 3600 seconds, but was '7200'.")]
    [InlineData("OPENAI_ENDPOINT", "not a url", "OPENAI_ENDPOINT must be an absolute http or https URL, but was 'not a url'.")]
    [InlineData("OPENAI_ENDPOINT", "ftp://files.example", "OPENAI_ENDPOINT must be an absolute http or https URL, but was 'ftp://files.example'.")]
    [InlineData("ANTHROPIC_ENDPOINT", "https://api.anthropic.com/?beta=1", "ANTHROPIC_ENDPOINT must be a base URL without a query or fragment")]
    [InlineData("OLLAMA_ENDPOINT", "localhost:11434", "OLLAMA_ENDPOINT must be an absolute http or https URL")]
    [InlineData("LLM_ROUTING_STRATEGY", "random", "LLM_ROUTING_STRATEGY must be one of weighted, round_robin, failover, but was 'random'.")]
    [InlineData("PROVIDER_WEIGHTS", "openai=70", "PROVIDER_WEIGHTS must be comma-separated provider:weight pairs")]
    [InlineData("PROVIDER_WEIGHTS", "openai:-1", "PROVIDER_WEIGHTS must be comma-separated provider:weight pairs")]
    [InlineData("PROVIDER_WEIGHTS", "openai:50,openai:50", "PROVIDER_WEIGHTS must name each provider once, but names 'openai' twice.")]
    [InlineData("PROVIDER_WEIGHTS", "openai:50,gemini:50", "PROVIDER_WEIGHTS names 'gemini', which is not a configured provider (anthropic, openai).")]
    [InlineData("PROVIDER_WEIGHTS", "openai:0,anthropic:0", "PROVIDER_WEIGHTS must give at least one provider a positive weight")]
    [InlineData("DEFAULT_LLM_PROVIDER", "gemini", "DEFAULT_LLM_PROVIDER must name a configured provider (anthropic, openai), but was 'gemini'.")]
    [InlineData("AXONFLOW_PRICING_CONFIG", "/nonexistent/pricing.json", "AXONFLOW_PRICING_CONFIG must name a readable JSON file, but '/nonexistent/pricing.json' does not exist.")]
    public void Read_BadValue_NamesTheVariable(string key, string value, string expected)
    {
        var error = ReadFails(("OPENAI_API_KEY", "sk-x"), ("ANTHROPIC_API_KEY", "sk-ant-x"), (key, value));

        Assert.Contains(error.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_AnthropicEndpointWithoutKey_NamesTheKey()
    {
        var error = ReadFails(("ANTHROPIC_ENDPOINT", "https://proxy.example"));

        Assert.Equal("ANTHROPIC_API_KEY is required when ANTHROPIC_ENDPOINT is set (the Messages API always authenticates).", Assert.Single(error.Errors));
    }

    [Fact]
    public void Read_PartialAzure_NamesEachMissingVariable()
    {
        var error = ReadFails(("AZURE_OPENAI_ENDPOINT", "https://acme.openai.azure.com"));

        Assert.Equal(2, error.Errors.Count);
        Assert.StartsWith("AZURE_OPENAI_API_KEY is required when Azure OpenAI is configured", error.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("AZURE_OPENAI_DEPLOYMENT_NAME is required when Azure OpenAI is configured", error.Errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeveralProblems_ReportsEveryOne()
    {
        var error = ReadFails(("OPENAI_API_KEY", "k"), ("OPENAI_TIMEOUT_SECONDS", "x"), ("LLM_ROUTING_STRATEGY", "x"), ("DEFAULT_LLM_PROVIDER", "x"));

        Assert.Equal(3, error.Errors.Count);
        Assert.Contains("OPENAI_TIMEOUT_SECONDS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EndpointWithCredentials_NeverEchoesThem()
    {
        var error = ReadFails(("OPENAI_API_KEY", "k"), ("OPENAI_ENDPOINT", "https://user:hunter2-secret@proxy.example"));

        Assert.StartsWith("OPENAI_ENDPOINT must not carry credentials", Assert.Single(error.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("ANTHROPIC_API_KEY")]
    public void Read_KeyWithAnInnerLineBreak_NamesTheVariableButNotTheKey(string name)
    {
        var error = ReadFails((name, "sk-first-half\nsecond-half"));

        Assert.StartsWith($"{name} must be visible ASCII without spaces or line breaks", Assert.Single(error.Errors), StringComparison.Ordinal);
        Assert.DoesNotContain("first-half", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Endpoint_NeverShowsTheKey()
    {
        var settings = Read(("OPENAI_API_KEY", "sk-very-secret-key"), ("AZURE_OPENAI_ENDPOINT", "https://acme.openai.azure.com"), ("AZURE_OPENAI_API_KEY", "azure-very-secret"), ("AZURE_OPENAI_DEPLOYMENT_NAME", "prod"));

        var text = string.Join('\n', settings.Providers) + settings;

        Assert.DoesNotContain("sk-very-secret-key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("azure-very-secret", text, StringComparison.Ordinal);
        Assert.Contains("HasApiKey = True", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PricingConfig_OverridesTheTable()
    {
        var path = Path.Combine(Path.GetTempPath(), $"axonflow-pricing-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "openai": { "gpt-4o": { "input": 1.5, "output": 3 } }, "local": { "*": { "input": 0.01, "output": 0.02 } } }""");
        try
        {
            var prices = Read(("OPENAI_API_KEY", "k"), ("AXONFLOW_PRICING_CONFIG", path)).Prices;

            Assert.Equal(new ModelPrice(1.5m, 3m), prices.Find("openai", "openai", "gpt-4o"));
            Assert.Equal(new ModelPrice(0.00015m, 0.0006m), prices.Find("openai", "openai", "gpt-4o-mini"));
            Assert.Equal(new ModelPrice(0.01m, 0.02m), prices.Find("local", "local", "axonflow-local"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("not json", "AXONFLOW_PRICING_CONFIG must be a JSON object of provider → model")]
    [InlineData("""{ "openai": { "gpt-4o": { "input": -1, "output": 1 } } }""", "AXONFLOW_PRICING_CONFIG must give 'openai'/'gpt-4o' non-negative")]
    [InlineData("""{ "openai": { "gpt-4o": { "input": 1 } } }""", "AXONFLOW_PRICING_CONFIG must give 'openai'/'gpt-4o' non-negative")]
    public void Read_BadPricingConfig_NamesTheVariable(string content, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"axonflow-pricing-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        try
        {
            var error = ReadFails(("AXONFLOW_PRICING_CONFIG", path));

            Assert.StartsWith(expected, Assert.Single(error.Errors), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AddLlmProviders_BadSetting_ThrowsBeforeAnythingIsRegistered()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ProviderSettingsException>(() => services.AddLlmProviders(Configuration(("OPENAI_API_KEY", "k"), ("OPENAI_TIMEOUT_SECONDS", "x"))));

        Assert.Equal(["OPENAI_TIMEOUT_SECONDS must be a positive number, but was 'x'."], error.Errors);
        Assert.Empty(services);
    }

    [Fact]
    public async Task AddLlmProviders_PricingConfig_ReachesTheCompletionCost()
    {
        var path = Path.Combine(Path.GetTempPath(), $"axonflow-pricing-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "local": { "*": { "input": 1, "output": 0 } } }""");
        try
        {
            await using var host = new RouterConfig().With("AXONFLOW_PRICING_CONFIG", path).Start();

            var completion = await host.SucceedAsync(new string('x', 4000));

            Assert.Equal(1000, completion.PromptTokens);
            Assert.Equal(1m, completion.CostUsd);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
