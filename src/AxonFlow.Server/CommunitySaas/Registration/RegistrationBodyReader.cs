using System.Text.Json;
using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Portal;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.CommunitySaas.Registration;

/// <summary>
/// Reads and validates a registration body: at most <see cref="RegistrationRequest.MaxBodyBytes"/> bytes, counted while
/// reading (a chunked or lying Content-Length gets the same 413), a JSON object with only <c>label</c> and <c>email</c>,
/// each a string or null. Every refusal names the field; the body itself is never echoed.
/// </summary>
internal static class RegistrationBodyReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 4 };

    public static async Task<RegistrationBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await Http.BoundedRequestBody.ReadAsync(request, RegistrationRequest.MaxBodyBytes, cancellationToken);
        return body is { } bytes ? Parse(bytes) : TooLarge();
    }

    private static RegistrationBody Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new RegistrationBody.Valid(new RegistrationRequest(string.Empty, null));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException json)
        {
            return Bad($"Request body is not valid JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine + 1})", ErrorReasons.InvalidJson);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Bad("Request body must be a JSON object: {\"label\"?: string, \"email\"?: string}", ErrorReasons.InvalidRequest);
            }

            string? label = null;
            string? email = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name is not ("label" or "email"))
                {
                    return Bad($"Unknown field '{Printable(property.Name)}': only label and email are accepted", ErrorReasons.InvalidRequest);
                }

                if (!seen.Add(property.Name))
                {
                    return Bad($"Field '{property.Name}' appears more than once", ErrorReasons.InvalidRequest);
                }

                if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return Bad($"{property.Name} must be a string, but was {Describe(property.Value.ValueKind)}", ErrorReasons.InvalidRequest);
                }

                var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                if (property.Name == "label")
                {
                    label = text;
                }
                else
                {
                    email = text;
                }
            }

            return Validate(label, email);
        }
    }

    private static RegistrationBody Validate(string? label, string? email)
    {
        var trimmedLabel = label?.Trim() ?? string.Empty;
        if (trimmedLabel.Length > RegistrationRequest.MaxLabelLength)
        {
            return Bad($"label must be at most {RegistrationRequest.MaxLabelLength} characters, but was {trimmedLabel.Length}", ErrorReasons.InvalidRequest);
        }

        if (trimmedLabel.Any(char.IsControl))
        {
            return Bad("label must not contain control characters", ErrorReasons.InvalidRequest);
        }

        string? normalisedEmail = null;
        if (email is not null)
        {
            if (!LoginEmail.TryCreate(email, out var valid, out var problem))
            {
                return Bad($"email {(problem == "is required" ? "must not be empty (omit it to register without recovery)" : problem)}", ErrorReasons.InvalidRequest);
            }

            normalisedEmail = CommunitySaasDigests.NormalizeEmail(valid.Value.Value);
        }

        return new RegistrationBody.Valid(new RegistrationRequest(trimmedLabel, normalisedEmail));
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "not a string",
    };

    private static string Printable(string name)
    {
        var cut = name.Length > 40 ? name[..40] + "…" : name;
        return new string(cut.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }

    private static RegistrationBody.Invalid TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, $"Request body is too large: registration accepts at most {RegistrationRequest.MaxBodyBytes} bytes", ErrorReasons.PayloadTooLarge);

    private static RegistrationBody.Invalid Bad(string message, string reason) => new(StatusCodes.Status400BadRequest, message, reason);
}

/// <summary>A registration body: valid, or the refusal to send.</summary>
internal abstract record RegistrationBody
{
    private RegistrationBody()
    {
    }

    public sealed record Valid(RegistrationRequest Request) : RegistrationBody;

    public sealed record Invalid(int StatusCode, string Message, string Reason) : RegistrationBody;
}
