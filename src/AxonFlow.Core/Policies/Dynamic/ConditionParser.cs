using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace AxonFlow.Core.Policies.Dynamic;

/// <summary>Turns the wire strings of a condition into typed parts; every refusal is a message for the API caller.</summary>
internal static class ConditionParser
{
    public const string AllowedFields = "query, response, request_type, risk_score, cost_estimate, user.<key>, client.<key>, context.<key>";
    public const string AllowedOperators = "equals, not_equals, contains, not_contains, contains_any, regex, greater_than, less_than, in, not_in";

    public static bool TryParseField(string? field, out ConditionField kind, out string key)
    {
        key = string.Empty;
        (var known, kind) = field switch
        {
            "query" => (true, ConditionField.Query),
            "response" => (true, ConditionField.Response),
            "request_type" => (true, ConditionField.RequestType),
            "risk_score" => (true, ConditionField.RiskScore),
            "cost_estimate" => (true, ConditionField.CostEstimate),
            _ => (false, default(ConditionField)),
        };
        if (known || field is null)
        {
            return known;
        }

        var dot = field.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == field.Length - 1)
        {
            return false;
        }

        key = field[(dot + 1)..];
        (known, kind) = field[..dot] switch
        {
            "user" => (true, ConditionField.User),
            "client" => (true, ConditionField.Client),
            "context" => (true, ConditionField.Context),
            _ => (false, default(ConditionField)),
        };
        return known;
    }

    public static bool TryParseOperator(string? value, out ConditionOperator op)
    {
        (var known, op) = value switch
        {
            "equals" => (true, ConditionOperator.EqualTo),
            "not_equals" => (true, ConditionOperator.NotEqualTo),
            "contains" => (true, ConditionOperator.Contains),
            "not_contains" => (true, ConditionOperator.NotContains),
            "contains_any" => (true, ConditionOperator.ContainsAny),
            "regex" => (true, ConditionOperator.Regex),
            "greater_than" => (true, ConditionOperator.GreaterThan),
            "less_than" => (true, ConditionOperator.LessThan),
            "in" => (true, ConditionOperator.In),
            "not_in" => (true, ConditionOperator.NotIn),
            _ => (false, default(ConditionOperator)),
        };
        return known;
    }

    /// <summary>Strings as-is, numbers in their JSON spelling, booleans as <c>true</c>/<c>false</c>; objects, arrays and null are not scalars.</summary>
    public static bool TryReadScalar(JsonElement value, [NotNullWhen(true)] out string? text)
    {
        text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        return text is not null;
    }

    public static bool TryReadNumber(JsonElement value, out double number)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetDouble(out number);
        }

        number = 0;
        return value.ValueKind == JsonValueKind.String && TryParseNumber(value.GetString(), out number);
    }

    public static bool TryParseNumber(string? text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    /// <summary>An array of scalars, or one scalar standing for a one-element list.</summary>
    public static string[]? ReadList(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return TryReadScalar(value, out var single) ? [single] : null;
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (!TryReadScalar(item, out var text))
            {
                return null;
            }

            items.Add(text);
        }

        return [.. items];
    }
}
