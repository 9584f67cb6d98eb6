using System.Text;
using System.Text.Json;
using AxonFlow.Server.Errors;
using Microsoft.AspNetCore.WebUtilities;

namespace AxonFlow.Server.CommunitySaas.SelfService;

/// <summary>
/// Reads the ≤ 1 KB bodies of the recovery and erasure endpoints: one string field from a JSON object (or, where a browser
/// form posts it, from <c>application/x-www-form-urlencoded</c>). Every failure is a precise 4xx result.
/// </summary>
internal static class SmallJsonBody
{
    public const int MaxBytes = 1024;

    public static async Task<BodyField> ReadFieldAsync(HttpContext context, string field, bool allowForm, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBytes)
        {
            return TooLarge(context);
        }

        var mediaType = request.ContentType is { } contentType && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            ? parsed.MediaType.Value
            : null;
        var isJson = mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        var isForm = allowForm && string.Equals(mediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !isForm)
        {
            return new BodyField(null, ApiErrorWriter.Result(
                context,
                StatusCodes.Status415UnsupportedMediaType,
                allowForm ? "Expected a JSON or form body" : "Expected a JSON body (Content-Type: application/json)",
                ErrorReasons.UnsupportedMediaType));
        }

        if (await Http.BoundedRequestBody.ReadAsync(request, MaxBytes, cancellationToken) is not { } body)
        {
            return TooLarge(context);
        }

        if (body.IsEmpty)
        {
            return Invalid(context, $"A body with {field} is required", ErrorReasons.InvalidRequest);
        }

        return isJson ? FromJson(context, body.Span, field) : FromForm(context, body.Span, field);
    }

    private static BodyField FromJson(HttpContext context, ReadOnlySpan<byte> body, string field)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 4 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return Invalid(context, "Request body is not valid JSON", ErrorReasons.InvalidJson);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid(context, "Request body must be a JSON object", ErrorReasons.InvalidJson);
            }

            if (!document.RootElement.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return Invalid(context, $"{field} is required", ErrorReasons.InvalidRequest);
            }

            return value.ValueKind == JsonValueKind.String
                ? new BodyField(value.GetString(), null)
                : Invalid(context, $"{field} must be a string", ErrorReasons.InvalidRequest);
        }
    }

    private static BodyField FromForm(HttpContext context, ReadOnlySpan<byte> body, string field)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return Invalid(context, "Form body is not valid UTF-8", ErrorReasons.BadRequest);
        }

        var values = QueryHelpers.ParseQuery("?" + text);
        return values.TryGetValue(field, out var value) && value.Count == 1 && value[0] is { } single
            ? new BodyField(single, null)
            : Invalid(context, $"{field} is required (once)", ErrorReasons.InvalidRequest);
    }

    private static BodyField TooLarge(HttpContext context) =>
        new(null, ApiErrorWriter.Result(context, StatusCodes.Status413PayloadTooLarge, $"Request body must be at most {MaxBytes} bytes", ErrorReasons.PayloadTooLarge));

    private static BodyField Invalid(HttpContext context, string message, string reason) =>
        new(null, ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, message, reason));
}

/// <summary>The field's value, or the error result to return instead.</summary>
internal readonly record struct BodyField(string? Value, IResult? Error);
