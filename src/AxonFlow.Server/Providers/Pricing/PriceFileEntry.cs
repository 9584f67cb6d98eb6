namespace AxonFlow.Server.Providers.Pricing;

/// <summary>One model's row in the <c>AXONFLOW_PRICING_CONFIG</c> file: <c>{"input": 0.0025, "output": 0.01}</c> in $ per 1K tokens.</summary>
internal sealed record PriceFileEntry(decimal? Input, decimal? Output);
