namespace AxonFlow.Server.Admin;

/// <summary>Endpoint metadata: the admin surface checks <c>X-Admin-API-Key</c> before the handler (and its body binding) runs.</summary>
internal sealed class RequiresAdminKey
{
    public static RequiresAdminKey Instance { get; } = new();

    private RequiresAdminKey()
    {
    }
}

internal static class RequiresAdminKeyExtensions
{
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(RequiresAdminKey.Instance);
        return builder;
    }
}
