using AxonFlow.Core.Identity;
using AxonFlow.Core.Portal;
using AxonFlow.Postgres.Portal;
using AxonFlow.Server.Auth;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.Portal.Sessions;

/// <summary>
/// Authenticates endpoints marked <see cref="RequiresPortalSession"/> from the <c>axonflow_session</c> cookie, after
/// routing and before the handler. A live session yields a <see cref="PortalCaller"/> and, so the governance handlers can
/// be reused as they are, a <see cref="CallerIdentity"/> for the session's org. Idle and absolute expiry are checked here
/// with the service clock; an expired session is deleted and its cookie expired.
/// </summary>
internal sealed partial class PortalSessionMiddleware(
    RequestDelegate next,
    PortalSessionStore sessions,
    AxonFlowSettings settings,
    TimeProvider timeProvider,
    ILogger<PortalSessionMiddleware> logger)
{
    /// <summary>The idle window slides at most once a minute per session, so a burst of requests costs one write.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<RequiresPortalSession>() is null)
        {
            await next(context);
            return;
        }

        if (CrossSiteRequests.IsRefused(context.Request))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, PortalMessages.CrossSite, ErrorReasons.CrossSiteRequest);
            return;
        }

        if (SessionCookie.Read(context.Request) is not { } token)
        {
            var message = context.Request.Headers.Authorization.Count > 0 ? PortalMessages.WrongCredentialModel : PortalMessages.SessionRequired;
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, message, ErrorReasons.SessionRequired);
            return;
        }

        var stored = await sessions.LookupAsync(token, context.RequestAborted);
        var now = timeProvider.GetUtcNow();
        if (stored is not { UserActive: true })
        {
            SessionCookie.Expire(context, settings);
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, PortalMessages.InvalidSession, ErrorReasons.InvalidSession);
            return;
        }

        var idleExpiresAt = stored.IdleExpiresAt(settings.Portal.SessionIdleTimeout);
        if (now >= idleExpiresAt)
        {
            await sessions.EndAsync(stored.Org, stored.SessionId, context.RequestAborted);
            SessionCookie.Expire(context, settings);
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, PortalMessages.SessionExpired, ErrorReasons.SessionExpired);
            return;
        }

        if (!stored.OrgActive)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, PortalMessages.OrgSuspended, ErrorReasons.OrgSuspended);
            return;
        }

        if (metadata.GetMetadata<RequiresPortalAdmin>() is not null && stored.Role != PortalRole.Admin)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, PortalMessages.AdminRequired, ErrorReasons.Forbidden);
            return;
        }

        if (now - stored.LastSeenAt >= TouchInterval)
        {
            await sessions.TouchAsync(stored.Org, stored.SessionId, now, context.RequestAborted);
            idleExpiresAt = (stored with { LastSeenAt = now }).IdleExpiresAt(settings.Portal.SessionIdleTimeout);
        }

        var caller = new PortalCaller(stored.SessionId, stored.Org, stored.UserId, stored.Email, stored.Role, stored.CreatedAt, stored.ExpiresAt, idleExpiresAt);
        context.Features.Set(caller);
        context.Features.Set(new CallerIdentity(caller.Org, caller.Client, settings.Mode, CallerAuthentication.PortalSession));
        using (logger.BeginScope(new IdentityLogScope(caller.Org.Value, caller.Client.Value, context.TraceIdentifier)))
        {
            Log.Authenticated(logger, caller.UserId);
            await next(context);
        }
    }

    private Task RefuseAsync(HttpContext context, int status, string message, string reason)
    {
        Log.Refused(logger, reason, context.Request.Path.Value ?? string.Empty);
        return ApiErrorWriter.WriteAsync(context, status, message, reason);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Portal session refused ({Reason}) for {Path}")]
        public static partial void Refused(ILogger logger, string reason, string path);

        [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Portal session of user {UserId} accepted")]
        public static partial void Authenticated(ILogger logger, Guid userId);
    }
}
