using AxonFlow.Core.Portal;
using AxonFlow.Postgres.Portal;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Portal.Sessions;
using Microsoft.AspNetCore.Mvc;

namespace AxonFlow.Server.Portal.Login;

/// <summary><c>/api/v1/auth</c>: the portal's session lifecycle — login, logout, and who the session belongs to.</summary>
internal static class AuthEndpoints
{
    public static void MapPortalAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Portal sessions");
        group.MapPost("/login", ([FromServices] LoginEndpoint endpoint, HttpContext context, LoginRequest? request, CancellationToken cancellationToken) =>
            endpoint.ProcessAsync(context, request, cancellationToken));
        group.MapPost("/logout", LogoutAsync);
        group.MapGet("/me", MeAsync).RequirePortalSession();
    }

    /// <summary>Ends the session the cookie names (if any) and expires the cookie; idempotent, so it needs no live session.</summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, PortalSessionStore sessions, AxonFlowSettings settings, CancellationToken cancellationToken)
    {
        if (CrossSiteRequests.IsRefused(context.Request))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status403Forbidden, PortalMessages.CrossSite, ErrorReasons.CrossSiteRequest);
        }

        if (SessionCookie.Read(context.Request) is { } token && await sessions.LookupAsync(token, cancellationToken) is { } session)
        {
            await sessions.EndAsync(session.Org, session.SessionId, cancellationToken);
        }

        SessionCookie.Expire(context, settings);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> MeAsync(HttpContext context, PortalUserStore users, AxonFlowSettings settings, CancellationToken cancellationToken)
    {
        var caller = context.GetPortalCaller();
        var (user, orgName) = await users.GetProfileAsync(caller.Org, caller.UserId, cancellationToken);
        if (user is null)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status401Unauthorized, PortalMessages.InvalidSession, ErrorReasons.InvalidSession);
        }

        return TypedResults.Ok(new MeResponse(
            new PortalUserView(user.Id, user.Email, user.DisplayName, user.Role.ToWire()),
            new PortalOrgView(caller.Org.Value, orgName ?? caller.Org.Value),
            new PortalSessionView(caller.SessionCreatedAt, caller.SessionExpiresAt, caller.IdleExpiresAt, (int)settings.Portal.SessionIdleTimeout.TotalSeconds)));
    }
}
