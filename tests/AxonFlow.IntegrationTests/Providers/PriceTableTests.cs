using AxonFlow.Server.Providers.Pricing;

namespace AxonFlow.IntegrationTests.Providers;

/// <summary>The per-model price table (Go reference §9) and how models are matched to it.</summary>
public sealed class PriceTableTests
{
    private static readonly PriceTable Prices = PriceTable.Default;

    [Theory]
    [InlineData("openai", "openai", "gpt-4o", 0.0025, 0.01)]
    [InlineData("openai", "openai", "gpt-4o-mini", 0.00015, 0.0006)]
    [InlineData("openai", "openai", "gpt-4o-mini-2024-07-18", 0.00015, 0.0006)]
    [InlineData("openai", "openai", "gpt-4o-2024-08-06", 0.0025, 0.01)]
    [InlineData("openai", "openai", "some-future-model", 0.0025, 0.01)]
    [InlineData("anthropic", "anthropic", "claude-sonnet-4-20250514", 0.003, 0.015)]
    [InlineData("azure-openai", "openai", "gpt-4o-mini", 0.00015, 0.0006)]
    [InlineData("ollama", "openai", "llama3.1:latest", 0, 0)]
    [InlineData("local", "local", "axonflow-local", 0, 0)]
    [InlineData("gemini", "gemini", "gemini-2.0-flash", 0.0001, 0.0004)]
    [InlineData("mystery", "mystery", "model", 0, 0)]
    public void Find_Model_UsesTheMostSpecificRow(string provider, string type, string model, double input, double output)
    {
        var price = Prices.Find(provider, type, model);

        Assert.Equal(new ModelPrice((decimal)input, (decimal)output), price);
    }

    [Fact]
    public void Cost_IsPerThousandInputAndOutputTokens()
    {
        Assert.Equal(0.0075m, new ModelPrice(0.0025m, 0.01m).Cost(1000, 500));
        Assert.Equal(0.000025m, new ModelPrice(0.0025m, 0.01m).Cost(10, 0));
    }

    [Fact]
    public void With_Overrides_ReplaceRowsAndKeepTheRest()
    {
        var prices = Prices.With(new Dictionary<string, Dictionary<string, ModelPrice>>
        {
            ["openai"] = new() { ["gpt-4o"] = new ModelPrice(1m, 2m) },
            ["ollama"] = new() { ["*"] = new ModelPrice(0.5m, 0.5m) },
        });

        Assert.Equal(new ModelPrice(1m, 2m), prices.Find("openai", "openai", "gpt-4o"));
        Assert.Equal(new ModelPrice(0.00015m, 0.0006m), prices.Find("openai", "openai", "gpt-4o-mini"));
        Assert.Equal(new ModelPrice(0.5m, 0.5m), prices.Find("ollama", "openai", "llama3"));
        Assert.Equal(new ModelPrice(0.0025m, 0.01m), Prices.Find("openai", "openai", "gpt-4o"));
    }
}
