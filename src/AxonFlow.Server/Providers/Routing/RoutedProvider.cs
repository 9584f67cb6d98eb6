namespace AxonFlow.Server.Providers.Routing;

/// <summary>A provider as the router sees it: its breaker, its weight and the counters <c>/health</c> reports.</summary>
internal sealed class RoutedProvider(ILlmProvider provider, double weight, CircuitBreaker breaker)
{
    private long _requests;
    private long _failures;
    private long _lastLatencyTicks = -1;

    public ILlmProvider Provider => provider;

    public ProviderEndpoint Endpoint => provider.Endpoint;

    public string Name => provider.Endpoint.Name;

    public double Weight => weight;

    public CircuitBreaker Breaker => breaker;

    public void Started() => Interlocked.Increment(ref _requests);

    public void Answered(TimeSpan latency) => Interlocked.Exchange(ref _lastLatencyTicks, latency.Ticks);

    public void Failed(TimeSpan latency)
    {
        Interlocked.Increment(ref _failures);
        Interlocked.Exchange(ref _lastLatencyTicks, latency.Ticks);
    }

    public ProviderHealth Health()
    {
        var state = breaker.State;
        var latencyTicks = Interlocked.Read(ref _lastLatencyTicks);
        return new ProviderHealth(
            Name,
            Endpoint.Type,
            state != CircuitState.Open,
            state switch
            {
                CircuitState.Closed => "closed",
                CircuitState.Open => "open",
                _ => "half_open",
            },
            Interlocked.Read(ref _requests),
            Interlocked.Read(ref _failures),
            latencyTicks < 0 ? null : Math.Round(TimeSpan.FromTicks(latencyTicks).TotalMilliseconds, 2));
    }
}
