namespace AxonFlow.Postgres.Embedded;

/// <summary>Where the private cluster lives and how it runs.</summary>
public sealed class EmbeddedClusterOptions
{
    /// <summary><c>$AXONFLOW_HOME</c>: the cluster goes under <c>pg/</c>, generated passwords under <c>secrets/</c>.</summary>
    public required string Home { get; init; }

    /// <summary>Throwaway clusters (tests) trade durability for speed; a served cluster never does.</summary>
    public bool Durable { get; init; } = true;

    public int MaxConnections { get; init; } = 200;
}
