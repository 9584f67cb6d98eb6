namespace AxonFlow.Server.Auth;

/// <summary>Endpoint metadata: the SDK/runtime surfaces authenticate the caller before the handler (and its body binding) runs.</summary>
public sealed class RequiresCallerIdentity
{
    public static RequiresCallerIdentity Instance { get; } = new();

    private RequiresCallerIdentity()
    {
    }
}

public static class RequiresCallerIdentityExtensions
{
    public static TBuilder RequireCallerIdentity<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(RequiresCallerIdentity.Instance);
        return builder;
    }
}
