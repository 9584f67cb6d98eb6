using System.Text;

namespace AxonFlow.IntegrationTests.Operations.Docs;

/// <summary>
/// Finds the string literals of a C# file and splits each at its holes: interpolations (<c>$"…{x}…"</c>, including holes
/// that contain strings of their own) and message-template placeholders (<c>{Name}</c>). Raw strings are skipped.
/// </summary>
internal static class CSharpStrings
{
    public static IEnumerable<string[]> Extract(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var i = 0;
        while (i < source.Length)
        {
            if (source[i] != '"' || (i > 0 && source[i - 1] == '\''))
            {
                i++;
                continue;
            }

            if (string.CompareOrdinal(source, i, "\"\"\"", 0, 3) == 0)
            {
                var end = source.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                i = end < 0 ? source.Length : end + 3;
                continue;
            }

            var prefix = source[Math.Max(0, i - 2)..i];
            var (parts, next) = Read(source, i + 1, interpolated: prefix.EndsWith('$') || prefix == "$@", verbatim: prefix.EndsWith('@'));
            i = next;
            yield return [.. parts.SelectMany(SplitPlaceholders)];
        }
    }

    private static (List<string> Parts, int Next) Read(string source, int i, bool interpolated, bool verbatim)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '"' && verbatim && i + 1 < source.Length && source[i + 1] == '"')
            {
                current.Append('"');
                i += 2;
            }
            else if (c == '"' || (c == '\n' && !verbatim))
            {
                i++;
                break;
            }
            else if (c == '\\' && !verbatim && i + 1 < source.Length)
            {
                current.Append(source[i + 1] switch { 'n' => '\n', 't' => '\t', var other => other });
                i += 2;
            }
            else if (interpolated && c == '{' && i + 1 < source.Length && source[i + 1] == '{')
            {
                current.Append('{');
                i += 2;
            }
            else if (interpolated && c == '}' && i + 1 < source.Length && source[i + 1] == '}')
            {
                current.Append('}');
                i += 2;
            }
            else if (interpolated && c == '{')
            {
                parts.Add(current.ToString());
                current.Clear();
                i = SkipHole(source, i + 1);
            }
            else
            {
                current.Append(c);
                i++;
            }
        }

        parts.Add(current.ToString());
        return (parts, i);
    }

    /// <summary>Skips an interpolation hole up to its closing brace, stepping over nested strings and braces.</summary>
    private static int SkipHole(string source, int i)
    {
        var depth = 1;
        while (i < source.Length && depth > 0)
        {
            var c = source[i];
            if (c == '"')
            {
                var nestedInterpolated = source[i - 1] == '$';
                (_, i) = Read(source, i + 1, nestedInterpolated, verbatim: false);
                continue;
            }

            depth += c switch { '{' => 1, '}' => -1, _ => 0 };
            i++;
        }

        return i;
    }

    /// <summary>Message-template placeholders such as <c>{FileName}</c> are holes too.</summary>
    private static IEnumerable<string> SplitPlaceholders(string literal)
    {
        var start = 0;
        for (var i = 0; i < literal.Length; i++)
        {
            if (literal[i] == '{' && literal.IndexOf('}', i) is var close and > 0 && close - i < 64 && !literal[(i + 1)..close].Contains('{', StringComparison.Ordinal))
            {
                yield return literal[start..i];
                start = close + 1;
                i = close;
            }
        }

        yield return literal[start..];
    }
}
