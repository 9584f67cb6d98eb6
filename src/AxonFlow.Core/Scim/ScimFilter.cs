using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace AxonFlow.Core.Scim;

/// <summary>
/// The SCIM filters identity providers send to find a user before creating it (RFC 7644 §3.4.2.2):
/// <c>attribute eq "value"</c> on <c>userName</c>, <c>externalId</c>, <c>id</c> or <c>emails.value</c>, and <c>active eq true|false</c>.
/// Attribute names are case-insensitive; <c>userName</c> and emails compare case-insensitively, as RFC 7643 defines them.
/// </summary>
public sealed record ScimFilter(ScimFilterField Field, string Value)
{
    public const int MaxLength = 1024;

    public static bool TryParse(string text, [NotNullWhen(true)] out ScimFilter? filter, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        filter = null;
        var trimmed = text.Trim();
        if (trimmed.Length > MaxLength)
        {
            problem = $"The filter must be at most {MaxLength} characters";
            return false;
        }

        var firstSpace = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var secondSpace = firstSpace < 0 ? -1 : trimmed.IndexOf(' ', firstSpace + 1);
        if (secondSpace < 0 || !string.Equals(trimmed[(firstSpace + 1)..secondSpace], "eq", StringComparison.OrdinalIgnoreCase))
        {
            problem = "Only filters of the form 'attribute eq \"value\"' are supported";
            return false;
        }

        var attributeText = trimmed[..firstSpace];
        if (attributeText.StartsWith("urn:ietf:params:scim:schemas:core:2.0:User:", StringComparison.OrdinalIgnoreCase))
        {
            attributeText = attributeText["urn:ietf:params:scim:schemas:core:2.0:User:".Length..];
        }

        ScimFilterField? attribute = attributeText.ToLowerInvariant() switch
        {
            "username" => ScimFilterField.UserName,
            "externalid" => ScimFilterField.ExternalId,
            "id" => ScimFilterField.Id,
            "emails.value" or "emails" => ScimFilterField.Email,
            "active" => ScimFilterField.Active,
            _ => null,
        };
        if (attribute is null)
        {
            problem = $"Filtering on '{Printable(attributeText)}' is not supported (userName, externalId, id, emails.value, active)";
            return false;
        }

        var operand = trimmed[(secondSpace + 1)..].Trim();
        var value = attribute == ScimFilterField.Active
            ? (operand.ToLowerInvariant() is "true" or "false" ? operand.ToLowerInvariant() : null)
            : ReadString(operand);
        if (value is null)
        {
            problem = attribute == ScimFilterField.Active ? "active must be compared with true or false" : "The compared value must be a JSON string in double quotes";
            return false;
        }

        filter = new ScimFilter(attribute.Value, value);
        problem = null;
        return true;
    }

    /// <summary>A JSON string literal: quoted, with the escapes JSON allows.</summary>
    private static string? ReadString(string operand)
    {
        if (operand.Length < 2 || operand[0] != '"' || operand[^1] != '"')
        {
            return null;
        }

        var builder = new StringBuilder(operand.Length);
        for (var i = 1; i < operand.Length - 1; i++)
        {
            var c = operand[i];
            if (c == '"')
            {
                return null;
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (++i >= operand.Length - 1)
            {
                return null;
            }

            switch (operand[i])
            {
                case '"' or '\\' or '/':
                    builder.Append(operand[i]);
                    break;
                case 'n':
                    builder.Append('\n');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'u' when i + 4 < operand.Length - 1 && int.TryParse(operand.AsSpan(i + 1, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default:
                    return null;
            }
        }

        return builder.ToString();
    }

    private static string Printable(string value) => value.Length > 64 ? value[..64] + "…" : value;
}

public enum ScimFilterField
{
    UserName,
    ExternalId,
    Id,
    Email,
    Active,
}
