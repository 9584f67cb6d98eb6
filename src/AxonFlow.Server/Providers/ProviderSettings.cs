using AxonFlow.Server.Providers.Pricing;
using AxonFlow.Server.Providers.Routing;

namespace AxonFlow.Server.Providers;

/// <summary>The validated router configuration. Providers are in configuration order, which breaks ties in failover.</summary>
internal sealed record ProviderSettings
{
    public required IReadOnlyList<ProviderEndpoint> Providers { get; init; }

    public RoutingStrategy Strategy { get; init; } = RoutingStrategy.Weighted;

    /// <summary>Weight per provider name; every configured provider has one (1 each when <c>PROVIDER_WEIGHTS</c> is unset, 0 when it leaves one out).</summary>
    public required IReadOnlyDictionary<string, double> Weights { get; init; }

    public string? DefaultProvider { get; init; }

    public required PriceTable Prices { get; init; }

    public int CircuitFailureThreshold { get; init; } = ProviderDefaults.CircuitFailureThreshold;

    public TimeSpan CircuitBreakDuration { get; init; } = ProviderDefaults.CircuitBreakDuration;
}
