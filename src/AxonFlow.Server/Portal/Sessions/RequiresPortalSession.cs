namespace AxonFlow.Server.Portal.Sessions;

/// <summary>
/// Endpoint metadata: the caller must present a live <c>axonflow_session</c> cookie. Basic auth, bearer tokens and the
/// admin key are not accepted on these routes (seed 002: one credential model per surface).
/// </summary>
public sealed class RequiresPortalSession
{
    public static RequiresPortalSession Instance { get; } = new();

    private RequiresPortalSession()
    {
    }
}

/// <summary>Endpoint metadata: on top of a session, the user must have the portal <c>admin</c> role.</summary>
public sealed class RequiresPortalAdmin
{
    public static RequiresPortalAdmin Instance { get; } = new();

    private RequiresPortalAdmin()
    {
    }
}

public static class RequiresPortalSessionExtensions
{
    public static TBuilder RequirePortalSession<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(RequiresPortalSession.Instance);
        return builder;
    }

    public static TBuilder RequirePortalAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(RequiresPortalSession.Instance, RequiresPortalAdmin.Instance);
        return builder;
    }
}
