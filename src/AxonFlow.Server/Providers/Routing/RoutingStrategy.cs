namespace AxonFlow.Server.Providers.Routing;

/// <summary>How the router picks among healthy providers when the caller and <c>DEFAULT_LLM_PROVIDER</c> leave the choice open.</summary>
internal enum RoutingStrategy
{
    /// <summary>At random, in proportion to <c>PROVIDER_WEIGHTS</c> (equal weights when unset).</summary>
    Weighted,

    /// <summary>In turn, over the healthy providers.</summary>
    RoundRobin,

    /// <summary>Always the highest-weighted healthy provider (configuration order breaks ties); the others are standbys.</summary>
    Failover,
}
