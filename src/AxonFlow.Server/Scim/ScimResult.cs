using System.Globalization;
using System.Text.Json.Nodes;

namespace AxonFlow.Server.Scim;

/// <summary>A SCIM answer: a JSON document with the <c>application/scim+json</c> media type (attribute names are SCIM's camelCase).</summary>
internal sealed class ScimResult(int statusCode, JsonNode body, string? location = null) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = ScimSchemas.MediaType + "; charset=utf-8";
        if (location is not null)
        {
            httpContext.Response.Headers.Location = location;
        }

        return httpContext.Response.WriteAsync(body.ToJsonString(), httpContext.RequestAborted);
    }

    /// <summary>The SCIM error schema (RFC 7644 §3.12): <c>status</c> as a string, <c>scimType</c> where the RFC defines one.</summary>
    public static ScimResult Error(int statusCode, string detail, string? scimType = null)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.Error),
            ["status"] = statusCode.ToString(CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };
        if (scimType is not null)
        {
            body["scimType"] = scimType;
        }

        return new ScimResult(statusCode, body);
    }
}

/// <summary>The <c>scimType</c> values of RFC 7644 §3.12 that this service answers with.</summary>
internal static class ScimErrorTypes
{
    public const string InvalidFilter = "invalidFilter";
    public const string InvalidSyntax = "invalidSyntax";
    public const string InvalidValue = "invalidValue";
    public const string Uniqueness = "uniqueness";
    public const string Mutability = "mutability";
    public const string TooMany = "tooMany";
    public const string NoTarget = "noTarget";
}
