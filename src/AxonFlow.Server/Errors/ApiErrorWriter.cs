using System.Text.Json;

namespace AxonFlow.Server.Errors;

/// <summary>Writes <see cref="ApiError"/> bodies with the request id, for middleware that answers before any endpoint runs.</summary>
public static class ApiErrorWriter
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Task WriteAsync(HttpContext context, int statusCode, string error, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = statusCode;

        // The exception handler clears response headers; the request id must survive on error answers too.
        context.Response.Headers["X-Request-ID"] = context.TraceIdentifier;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new ApiError(error, reason) { RequestId = context.TraceIdentifier };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }

    public static IResult Result(HttpContext context, int statusCode, string error, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TypedResults.Json(new ApiError(error, reason) { RequestId = context.TraceIdentifier }, Json, statusCode: statusCode);
    }
}
