using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;
using AxonFlow.Core.Policies.Matching;

namespace AxonFlow.Core.Policies.Dynamic;

/// <summary>
/// One typed condition. Text comparisons ignore case (roles, regions and keywords are not case-sensitive in practice); regex
/// case follows the pattern. A missing field fails every positive operator and satisfies every negated one.
/// </summary>
internal sealed class CompiledCondition
{
    private readonly string _key;
    private readonly string _text;
    private readonly string[] _values;
    private readonly double? _number;
    private readonly double[] _numbers;
    private readonly Regex? _regex;

    private CompiledCondition(ConditionField field, string key, ConditionOperator op, string text, string[] values, double? number, Regex? regex)
    {
        Field = field;
        _key = key;
        Operator = op;
        _text = text;
        _values = values;
        _number = number;
        _numbers = [.. values.Select(static v => ConditionParser.TryParseNumber(v, out var n) ? n : double.NaN)];
        _regex = regex;
    }

    public ConditionField Field { get; }

    public ConditionOperator Operator { get; }

    private bool IsNumericField => Field is ConditionField.RiskScore or ConditionField.CostEstimate;

    public static bool TryCompile(PolicyCondition condition, [NotNullWhen(true)] out CompiledCondition? compiled, [NotNullWhen(false)] out string? error)
    {
        compiled = null;
        if (!ConditionParser.TryParseField(condition.Field, out var field, out var key))
        {
            error = $"field must be one of {ConditionParser.AllowedFields}, but was '{condition.Field}'";
            return false;
        }

        if (!ConditionParser.TryParseOperator(condition.Operator, out var op))
        {
            error = $"operator must be one of {ConditionParser.AllowedOperators}, but was '{condition.Operator}'";
            return false;
        }

        var numericField = field is ConditionField.RiskScore or ConditionField.CostEstimate;
        if (numericField && op is ConditionOperator.Contains or ConditionOperator.NotContains or ConditionOperator.ContainsAny or ConditionOperator.Regex)
        {
            error = $"operator '{condition.Operator}' needs a text field, but '{condition.Field}' is a number";
            return false;
        }

        var value = condition.Value;
        switch (op)
        {
            case ConditionOperator.GreaterThan or ConditionOperator.LessThan:
                if (!ConditionParser.TryReadNumber(value, out var bound))
                {
                    error = $"operator '{condition.Operator}' needs a numeric value";
                    return false;
                }

                compiled = new CompiledCondition(field, key, op, string.Empty, [], bound, null);
                break;

            case ConditionOperator.ContainsAny or ConditionOperator.In or ConditionOperator.NotIn:
                var list = ConditionParser.ReadList(value);
                if (list is not { Length: > 0 } || (op == ConditionOperator.ContainsAny && list.Any(string.IsNullOrEmpty)))
                {
                    error = $"operator '{condition.Operator}' needs a non-empty array of strings or numbers";
                    return false;
                }

                compiled = new CompiledCondition(field, key, op, string.Empty, list, null, null);
                break;

            case ConditionOperator.Regex:
                if (value.ValueKind != JsonValueKind.String)
                {
                    error = "operator 'regex' needs a string pattern";
                    return false;
                }

                if (!OrgRegexFactory.TryCreate(value.GetString(), out var regex, out var regexError))
                {
                    error = $"operator 'regex': {regexError}";
                    return false;
                }

                compiled = new CompiledCondition(field, key, op, string.Empty, [], null, regex);
                break;

            default:
                if (!ConditionParser.TryReadScalar(value, out var text) || (text.Length == 0 && op is ConditionOperator.Contains or ConditionOperator.NotContains))
                {
                    error = $"operator '{condition.Operator}' needs a non-empty string, number or boolean value";
                    return false;
                }

                double? number = ConditionParser.TryParseNumber(text, out var parsed) ? parsed : null;
                if (numericField && number is null)
                {
                    error = $"field '{condition.Field}' is a number, so '{condition.Operator}' needs a numeric value";
                    return false;
                }

                compiled = new CompiledCondition(field, key, op, text, [], number, null);
                break;
        }

        error = null;
        return true;
    }

    public bool Evaluate(in EvaluationSubject subject) =>
        IsNumericField ? EvaluateNumber(subject.Number(Field)) : EvaluateText(subject.Text(Field, _key));

    /// <summary>Where a text condition found its evidence in <paramref name="text"/>, so a redact action knows what to mask.</summary>
    public void CollectSpans(string text, List<(int Start, int Length)> spans)
    {
        switch (Operator)
        {
            case ConditionOperator.Contains:
                AddOccurrences(text, _text, spans);
                break;
            case ConditionOperator.ContainsAny:
                foreach (var value in _values)
                {
                    AddOccurrences(text, value, spans);
                }

                break;
            case ConditionOperator.Regex:
                try
                {
                    foreach (var match in _regex!.EnumerateMatches(text))
                    {
                        if (match.Length > 0)
                        {
                            spans.Add((match.Index, match.Length));
                        }
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // The condition already matched; masking what was found before the timeout is the best left to do.
                }

                break;
            case ConditionOperator.EqualTo when text.Length > 0:
                spans.Add((0, text.Length));
                break;
        }
    }

    private bool EvaluateText(string? value) => Operator switch
    {
        ConditionOperator.EqualTo => value is not null && string.Equals(value, _text, StringComparison.OrdinalIgnoreCase),
        ConditionOperator.NotEqualTo => value is null || !string.Equals(value, _text, StringComparison.OrdinalIgnoreCase),
        ConditionOperator.Contains => value is not null && value.Contains(_text, StringComparison.OrdinalIgnoreCase),
        ConditionOperator.NotContains => value is null || !value.Contains(_text, StringComparison.OrdinalIgnoreCase),
        ConditionOperator.ContainsAny => value is not null && ContainsAny(value),
        ConditionOperator.Regex => value is not null && IsRegexMatch(value),
        ConditionOperator.GreaterThan => ConditionParser.TryParseNumber(value, out var n) && n > _number,
        ConditionOperator.LessThan => ConditionParser.TryParseNumber(value, out var n) && n < _number,
        ConditionOperator.In => value is not null && _values.Contains(value, StringComparer.OrdinalIgnoreCase),
        ConditionOperator.NotIn => value is null || !_values.Contains(value, StringComparer.OrdinalIgnoreCase),
        _ => false,
    };

    private bool EvaluateNumber(double? value) => Operator switch
    {
        ConditionOperator.EqualTo => value is { } v && v == _number,
        ConditionOperator.NotEqualTo => value is not { } v || v != _number,
        ConditionOperator.GreaterThan => value > _number,
        ConditionOperator.LessThan => value < _number,
        ConditionOperator.In => value is { } v && _numbers.Contains(v),
        ConditionOperator.NotIn => value is not { } v || !_numbers.Contains(v),
        _ => false,
    };

    private bool ContainsAny(string value)
    {
        foreach (var candidate in _values)
        {
            if (value.Contains(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsRegexMatch(string value)
    {
        try
        {
            return _regex!.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            // Linear engine plus timeout: only a huge value or a starved machine gets here. Like static patterns, a condition
            // that could not be evaluated counts as met, so the policy fails closed instead of letting the request through.
            return true;
        }
    }

    private static void AddOccurrences(string text, string value, List<(int Start, int Length)> spans)
    {
        var from = 0;
        while (from < text.Length)
        {
            var at = text.IndexOf(value, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return;
            }

            spans.Add((at, value.Length));
            from = at + value.Length;
        }
    }
}
