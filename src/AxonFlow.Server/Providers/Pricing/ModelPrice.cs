namespace AxonFlow.Server.Providers.Pricing;

/// <summary>US dollars per 1,000 input and output tokens.</summary>
internal readonly record struct ModelPrice(decimal InputPer1K, decimal OutputPer1K)
{
    public static ModelPrice Free => new(0m, 0m);

    public decimal Cost(int promptTokens, int completionTokens) =>
        (promptTokens * InputPer1K + completionTokens * OutputPer1K) / 1000m;
}
