using System.Text.RegularExpressions;

namespace AxonFlow.IntegrationTests.Operations.Docs;

/// <summary>
/// What the code can print: every string literal of <c>src/**/*.cs</c> and <c>src/**/*.sql</c> as a template (C#
/// interpolation and LoggerMessage holes, SQL <c>%</c> placeholders become wildcards), plus known literal outputs.
/// A documented line is accepted when templates cover at least 90 % of its non-space characters.
/// </summary>
internal sealed partial class PrintedLineCatalog
{
    private const int MinimumLiteral = 10;
    private const double RequiredCoverage = 0.9;

    private readonly List<(string Longest, Regex Pattern)> _templates = [];

    public PrintedLineCatalog(IEnumerable<string> literalOutputs)
    {
        var source = Path.Combine(ScriptProcess.RepositoryRoot, "src");
        foreach (var file in Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories).Where(IsSource))
        {
            var text = File.ReadAllText(file);
            var literals = file.EndsWith(".sql", StringComparison.Ordinal)
                ? SqlLiteral().Matches(text).Select(m => m.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal)).Select(s => SqlHole().Split(s))
                : CSharpStrings.Extract(text);
            foreach (var parts in literals)
            {
                Add(parts);
            }
        }

        foreach (var output in literalOutputs)
        {
            Add([output]);
        }
    }

    /// <summary>Null when the line is covered; else a description of what no template covers.</summary>
    public string? Explain(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var covered = new bool[line.Length];
        foreach (var (longest, pattern) in _templates)
        {
            if (!line.Contains(longest, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in pattern.Matches(line))
            {
                Array.Fill(covered, true, match.Index, match.Length);
            }
        }

        var significant = Enumerable.Range(0, line.Length).Where(i => !char.IsWhiteSpace(line[i])).ToList();
        var share = significant.Count == 0 ? 1 : significant.Count(i => covered[i]) / (double)significant.Count;
        if (share >= RequiredCoverage)
        {
            return null;
        }

        var uncovered = new string([.. line.Select((c, i) => covered[i] ? '·' : c)]);
        return $"only {share:P0} matches what the code prints; not matched: {uncovered}";
    }

    private static bool IsSource(string path) =>
        (path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".sql", StringComparison.Ordinal))
        && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private void Add(string[] parts)
    {
        var literal = parts.Sum(p => p.Length);
        if (literal < MinimumLiteral)
        {
            return;
        }

        var pattern = string.Join(".*?", parts.Select(Regex.Escape));
        _templates.Add((parts.MaxBy(p => p.Length)!, new Regex(pattern, RegexOptions.CultureInvariant)));
    }

    [GeneratedRegex(@"'((?:[^']|'')*)'")]
    private static partial Regex SqlLiteral();

    [GeneratedRegex(@"%[sIL]?")]
    private static partial Regex SqlHole();
}
