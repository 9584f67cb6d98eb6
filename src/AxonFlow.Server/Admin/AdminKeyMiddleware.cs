using AxonFlow.Postgres.Connections;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.Admin;

/// <summary>
/// Guards endpoints marked <see cref="RequiresAdminKey"/>: a missing, wrong or unconfigured key gets one and the same 401;
/// only then, a deployment without the platform-admin pool gets 503. Neither answer reaches the handler or binds a body.
/// </summary>
internal sealed partial class AdminKeyMiddleware(RequestDelegate next, AdminKeyVerifier verifier, AxonFlowDataSources dataSources, ILogger<AdminKeyMiddleware> logger)
{
    public const string HeaderName = "X-Admin-API-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresAdminKey>() is null)
        {
            await next(context);
            return;
        }

        var presented = context.Request.Headers.TryGetValue(HeaderName, out var values) && values.Count == 1 ? values[0] : null;
        if (!verifier.Matches(presented))
        {
            Log.KeyRejected(logger, context.Request.Path.Value ?? string.Empty, AdminActors.RemoteAddress(context));
            await ApiErrorWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, AdminMessages.KeyRequired, ErrorReasons.InvalidAdminKey);
            return;
        }

        if (dataSources.PlatformAdmin is null)
        {
            Log.AdminPoolMissing(logger, context.Request.Path.Value ?? string.Empty);
            await ApiErrorWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, AdminMessages.AdminPoolRequired, ErrorReasons.AdminPoolNotConfigured);
            return;
        }

        // Secrets issued here must never sit in a cache between the operator and the service.
        context.Response.Headers.CacheControl = "no-store";
        await next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Admin API request refused: missing or wrong X-Admin-API-Key for {Path} from {RemoteAddress}")]
        public static partial void KeyRejected(ILogger logger, string path, string remoteAddress);

        [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Admin API request for {Path} refused with 503: AXONFLOW_DB_PLATFORM_ADMIN_URL is not configured")]
        public static partial void AdminPoolMissing(ILogger logger, string path);
    }
}
