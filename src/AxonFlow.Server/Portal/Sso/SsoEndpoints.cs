using AxonFlow.Server.Errors;
using AxonFlow.Server.Portal.Sessions;

namespace AxonFlow.Server.Portal.Sso;

/// <summary><c>GET/PUT/DELETE /api/v1/portal/sso</c> (portal admins): the org's SAML or OIDC identity-provider settings.</summary>
internal static class SsoEndpoints
{
    public static RouteGroupBuilder MapPortalSsoEndpoints(this RouteGroupBuilder portal)
    {
        var group = portal.MapGroup("/sso").RequirePortalAdmin();
        group.MapGet("/", async (HttpContext context, SsoSettingsService service, CancellationToken cancellationToken) =>
            TypedResults.Ok(await service.GetAsync(context.GetPortalCaller().Org, cancellationToken)));
        group.MapPut("/", PutAsync);
        group.MapDelete("/", async (HttpContext context, SsoSettingsService service, CancellationToken cancellationToken) =>
            await service.DeleteAsync(context.GetPortalCaller().Org, cancellationToken)
                ? TypedResults.NoContent()
                : ApiErrorWriter.Result(context, StatusCodes.Status404NotFound, "No SSO settings are stored", ErrorReasons.NotFound));
        return portal;
    }

    private static async Task<IResult> PutAsync(HttpContext context, SsoSettingsRequest? request, SsoSettingsService service, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "A JSON body is required", ErrorReasons.InvalidRequest);
        }

        var caller = context.GetPortalCaller();
        var (saved, error) = await service.SaveAsync(caller.Org, request, caller.Client.Value, cancellationToken);
        return saved is not null
            ? TypedResults.Ok(saved)
            : ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, error!.Message, ErrorReasons.InvalidRequest);
    }
}
