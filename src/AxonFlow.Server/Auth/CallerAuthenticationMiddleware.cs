using AxonFlow.Core.Identity;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Telemetry;

namespace AxonFlow.Server.Auth;

/// <summary>
/// Authenticates endpoints marked <see cref="RequiresCallerIdentity"/> after routing and before the handler, makes the
/// identity available to handlers, overwrites the inbound identity headers with the auth-derived values, and stamps
/// org and client on every log line of the request.
/// </summary>
internal sealed partial class CallerAuthenticationMiddleware(RequestDelegate next, CallerAuthenticator authenticator, AxonFlowMetrics metrics, ILogger<CallerAuthenticationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresCallerIdentity>() is null)
        {
            await next(context);
            return;
        }

        var outcome = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted);
        switch (outcome)
        {
            case AuthenticationOutcome.Rejected rejected:
                metrics.AuthenticationRejected(rejected.Reason);
                Log.Rejected(logger, rejected.Reason, context.Request.Path.Value ?? string.Empty);
                if (rejected.StatusCode == StatusCodes.Status401Unauthorized)
                {
                    context.Response.Headers.WWWAuthenticate = "Basic realm=\"axonflow\"";
                }

                if (rejected.RetryAfterSeconds is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await ApiErrorWriter.WriteAsync(context, rejected.StatusCode, rejected.Message, rejected.Reason);
                return;
            case AuthenticationOutcome.Authenticated authenticated:
                var identity = authenticated.Identity;
                metrics.Authenticated(identity.Authentication);
                context.Features.Set(identity);
                OverwriteIdentityHeaders(context.Request, identity);
                using (logger.BeginScope(new IdentityLogScope(identity.Org.Value, identity.Client.Value, context.TraceIdentifier)))
                {
                    Log.Authenticated(logger, identity.Authentication);
                    await next(context);
                }

                return;
        }
    }

    /// <summary>Downstream code reading X-Org-ID / X-Client-ID sees what auth resolved, never what the caller claimed.</summary>
    private static void OverwriteIdentityHeaders(HttpRequest request, CallerIdentity identity)
    {
        request.Headers["X-Org-ID"] = identity.Org.Value;
        request.Headers["X-Client-ID"] = identity.Client.Value;
        request.Headers["X-Tenant-ID"] = identity.Client.Value;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Authentication rejected ({Reason}) for {Path}")]
        public static partial void Rejected(ILogger logger, string reason, string path);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Caller authenticated ({Authentication})")]
        public static partial void Authenticated(ILogger logger, CallerAuthentication authentication);
    }
}

internal static class CallerAuthenticationExtensions
{
    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services) =>
        services.AddSingleton<CallerAuthenticator>();

    public static void UseCallerAuthentication(this WebApplication app) => app.UseMiddleware<CallerAuthenticationMiddleware>();
}
