namespace AxonFlow.Server.Scim;

/// <summary>SCIM 2.0 provisioning under <c>/scim/v2</c>, authenticated by bearer tokens minted in the portal.</summary>
internal static class ScimExtensions
{
    public static void UseScimAuthentication(this WebApplication app) => app.UseMiddleware<ScimAuthenticationMiddleware>();

    public static void MapScimEndpoints(this IEndpointRouteBuilder app)
    {
        var scim = app.MapGroup("/scim/v2").WithTags("SCIM").WithMetadata(RequiresScimToken.Instance);
        scim.MapScimUserEndpoints();
        scim.MapScimDiscoveryEndpoints();

        // Unknown SCIM paths answer in the SCIM error schema rather than the agent's JSON error.
        app.MapFallback("/scim/v2/{**path}", () => ScimResult.Error(StatusCodes.Status404NotFound, "Unknown SCIM endpoint"));
    }
}
