namespace AxonFlow.Server.Providers.Routing;

/// <summary>
/// Picks one of the currently usable providers: the caller's preference, else <c>DEFAULT_LLM_PROVIDER</c>, else the strategy.
/// Weight-0 providers are never picked by weight while a weighted one is usable; they remain retry targets.
/// </summary>
internal sealed class ProviderSelector(RoutingStrategy strategy, string? defaultProvider)
{
    private int _turn = -1;

    public RoutedProvider? Pick(IReadOnlyList<RoutedProvider> candidates, string? preferred)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return null;
        }

        if ((Named(candidates, preferred) ?? Named(candidates, defaultProvider)) is { } chosen)
        {
            return chosen;
        }

        return strategy switch
        {
            RoutingStrategy.RoundRobin => candidates[(int)((uint)Interlocked.Increment(ref _turn) % (uint)candidates.Count)],
            RoutingStrategy.Failover => candidates.MaxBy(c => c.Weight)!,
            _ => ByWeight(candidates),
        };
    }

    private static RoutedProvider? Named(IReadOnlyList<RoutedProvider> candidates, string? name) =>
        name is null ? null : candidates.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private static RoutedProvider ByWeight(IReadOnlyList<RoutedProvider> candidates)
    {
        var total = candidates.Sum(c => c.Weight);
        if (total <= 0)
        {
            return candidates[0];
        }

        // Spreading load needs no unpredictability: a shared PRNG is enough and costs nothing per request.
        var point = Random.Shared.NextDouble() * total;
        foreach (var candidate in candidates)
        {
            point -= candidate.Weight;
            if (point < 0)
            {
                return candidate;
            }
        }

        return candidates.Last(c => c.Weight > 0);
    }
}
