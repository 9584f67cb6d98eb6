using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace AxonFlow.Core.Licensing;

/// <summary>
/// Finds the top-level <c>kid</c> in a payload that is not yet verified, to pick the one key to verify it with. A
/// forward-only <see cref="Utf8JsonReader"/> pass over at most <see cref="LicenseTokenFormat.MaxTokenLength"/> bytes,
/// depth-limited, skipping every other value unread; nothing else is taken from the payload before the signature verifies.
/// The kid is covered by the signature, so a forged kid only selects a key that then fails to verify.
/// </summary>
public static class LicenseKidReader
{
    private const int MaxDepth = 8;

    public static bool TryRead(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out string? kid, [NotNullWhen(false)] out string? error)
    {
        kid = null;
        error = null;
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "its payload is not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isKid = reader.ValueTextEquals("kid"u8);
                reader.Read();
                if (!isKid)
                {
                    reader.Skip();
                    continue;
                }

                if (kid is not null || reader.TokenType != JsonTokenType.String)
                {
                    error = kid is null ? "its payload kid is not a string" : "its payload names kid twice";
                    return false;
                }

                kid = reader.GetString();
            }

            // The root object has closed; anything after it is not a payload.
            if (reader.Read())
            {
                error = "its payload has data after the JSON object";
                return false;
            }
        }
        catch (JsonException)
        {
            error = "its payload is not valid JSON";
            return false;
        }
        catch (InvalidOperationException)
        {
            error = "its payload kid is not valid text";
            return false;
        }

        if (kid is null)
        {
            error = "its payload names no kid";
            return false;
        }

        if (!LicenseKeyIds.IsValid(kid))
        {
            error = $"its payload kid is not {LicenseKeyIds.Description}";
            kid = null;
            return false;
        }

        return true;
    }
}
