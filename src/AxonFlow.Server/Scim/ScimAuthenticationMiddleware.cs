using AxonFlow.Postgres.Portal;
using AxonFlow.Server.Auth;

namespace AxonFlow.Server.Scim;

/// <summary>
/// Bearer-token authentication of the SCIM surface. An absent, malformed, unknown, revoked or expired token all get the
/// same 401 in the SCIM error schema; a valid one scopes the request to the token's org.
/// </summary>
internal sealed partial class ScimAuthenticationMiddleware(RequestDelegate next, ScimTokenStore tokens, TimeProvider timeProvider, ILogger<ScimAuthenticationMiddleware> logger)
{
    private const string Challenge = "Bearer realm=\"axonflow-scim\"";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresScimToken>() is null)
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        var stored = token is null ? null : await tokens.LookupAsync(token, context.RequestAborted);
        var now = timeProvider.GetUtcNow();
        if (stored is null || !stored.IsUsableAt(now))
        {
            Log.Refused(logger, context.Request.Path.Value ?? string.Empty);
            context.Response.Headers.WWWAuthenticate = Challenge;
            await ScimResult.Error(
                StatusCodes.Status401Unauthorized,
                "Authentication required: send Authorization: Bearer <SCIM token> (minted in the portal, POST /api/v1/portal/scim-tokens)").ExecuteAsync(context);
            return;
        }

        if (stored.NeedsTouchAt(now))
        {
            await tokens.TouchAsync(stored.Org, stored.Id, now, context.RequestAborted);
        }

        context.Features.Set(new ScimCaller(stored.Id, stored.Org));
        using (logger.BeginScope(new IdentityLogScope(stored.Org.Value, "scim:" + stored.Id.ToString("N"), context.TraceIdentifier)))
        {
            await next(context);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "SCIM request refused: no usable bearer token for {Path}")]
        public static partial void Refused(ILogger logger, string path);
    }
}
