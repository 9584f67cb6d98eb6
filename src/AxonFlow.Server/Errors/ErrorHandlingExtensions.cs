using Microsoft.AspNetCore.Diagnostics;

namespace AxonFlow.Server.Errors;

/// <summary>
/// Every failure answers with an <see cref="ApiError"/> JSON body: malformed requests get a precise 4xx, an unexpected
/// fault a 500 with no stack trace or exception text, empty 404/405s a body the SDKs can read.
/// </summary>
internal static partial class ErrorHandlingExtensions
{
    public static IServiceCollection AddAxonFlowErrors(this IServiceCollection services) => services;

    public static void UseAxonFlowErrors(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.TryGetValue("X-Request-ID", out var requested) && IsSafeRequestId(requested.ToString()))
            {
                context.TraceIdentifier = requested.ToString();
            }

            context.Response.Headers["X-Request-ID"] = context.TraceIdentifier;
            await next(context);
        });

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                if (exception is BadHttpRequestException bad)
                {
                    return bad switch
                    {
                        { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                            ApiErrorWriter.WriteAsync(context, bad.StatusCode, "Request body is too large", ErrorReasons.PayloadTooLarge),
                        { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                            ApiErrorWriter.WriteAsync(context, bad.StatusCode, "Expected a JSON body (Content-Type: application/json)", ErrorReasons.UnsupportedMediaType),
                        { InnerException: System.Text.Json.JsonException json } =>
                            ApiErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, JsonProblem(json), ErrorReasons.InvalidJson),
                        _ => ApiErrorWriter.WriteAsync(context, bad.StatusCode, "Malformed request: " + SafeReason(bad.Message), ErrorReasons.BadRequest),
                    };
                }

                if (exception is Npgsql.NpgsqlException { IsTransient: true } or TimeoutException)
                {
                    context.Response.Headers.RetryAfter = "5";
                    return ApiErrorWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Database unavailable, retry shortly", ErrorReasons.Unavailable);
                }

                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AxonFlow.Errors");
                Log.Unhandled(logger, exception?.GetType().Name ?? "unknown", context.Request.Path.Value ?? string.Empty, exception);
                return ApiErrorWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal server error", ErrorReasons.Internal);
            },
        });

        app.UseStatusCodePages(async statusContext =>
        {
            var context = statusContext.HttpContext;
            var (message, reason) = context.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => ("Not found", ErrorReasons.NotFound),
                StatusCodes.Status405MethodNotAllowed => ("Method not allowed", ErrorReasons.MethodNotAllowed),
                StatusCodes.Status413PayloadTooLarge => ("Request body is too large", ErrorReasons.PayloadTooLarge),
                StatusCodes.Status415UnsupportedMediaType => ("Expected a JSON body (Content-Type: application/json)", ErrorReasons.UnsupportedMediaType),
                StatusCodes.Status503ServiceUnavailable => ("Service unavailable", ErrorReasons.Unavailable),
                >= 400 and < 500 => ("Bad request", ErrorReasons.BadRequest),
                _ => ("Internal server error", ErrorReasons.Internal),
            };
            await ApiErrorWriter.WriteAsync(context, context.Response.StatusCode, message, reason);
        });
    }

    /// <summary>Names where the JSON went wrong (its path and line), never echoing the body itself.</summary>
    private static string JsonProblem(System.Text.Json.JsonException json) =>
        json.Path is { Length: > 1 } path
            ? $"Request body is not valid JSON for this endpoint: invalid value at {path}"
            : $"Request body is not valid JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1})";

    /// <summary>Framework binding messages name parameters and types only; cut them short all the same.</summary>
    private static string SafeReason(string message) => message.Length > 200 ? message[..200] : message;

    private static bool IsSafeRequestId(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private static partial class Log
    {
        // The exception is attached for the operator's log only; its message never reaches the client.
        [LoggerMessage(EventId = 1900, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} while serving {Path}")]
        public static partial void Unhandled(ILogger logger, string exceptionType, string path, Exception? exception);
    }
}
