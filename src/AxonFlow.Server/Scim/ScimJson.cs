using System.Text.Json;
using System.Text.Json.Nodes;

namespace AxonFlow.Server.Scim;

/// <summary>Reading SCIM JSON: attribute names are case-insensitive (RFC 7643 §2.1), and some clients send booleans as strings.</summary>
internal static class ScimJson
{
    private const int MaxDepth = 16;

    /// <summary>The request body as a JSON object, or the SCIM error to answer with.</summary>
    public static async Task<(JsonObject? Body, ScimResult? Error)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType ?? string.Empty;
        if (!contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ScimResult.Error(StatusCodes.Status415UnsupportedMediaType, "Expected a JSON body (Content-Type: application/scim+json)"));
        }

        try
        {
            var node = await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth }, cancellationToken: cancellationToken);
            return node is JsonObject body
                ? (body, null)
                : (null, ScimResult.Error(StatusCodes.Status400BadRequest, "The body must be a JSON object", ScimErrorTypes.InvalidSyntax));
        }
        catch (JsonException ex)
        {
            return (null, ScimResult.Error(StatusCodes.Status400BadRequest, $"The body is not valid JSON (line {(ex.LineNumber ?? 0) + 1})", ScimErrorTypes.InvalidSyntax));
        }
    }

    public static JsonNode? Get(JsonObject node, string name)
    {
        foreach (var (key, value) in node)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>True for an absent/null node (value null) or a string; false for any other JSON type.</summary>
    public static bool TryString(JsonNode? node, out string? value)
    {
        value = null;
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
        {
            value = scalar.GetValue<string>();
            return true;
        }

        return false;
    }

    /// <summary>A JSON boolean, or the strings "true"/"false" in any case (Azure AD sends "False").</summary>
    public static bool TryBool(JsonNode? node, out bool value)
    {
        value = false;
        if (node is not JsonValue scalar)
        {
            return false;
        }

        switch (scalar.GetValueKind())
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                return bool.TryParse(scalar.GetValue<string>(), out value);
            default:
                return false;
        }
    }
}
