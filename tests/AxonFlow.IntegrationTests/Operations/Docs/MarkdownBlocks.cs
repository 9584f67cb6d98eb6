namespace AxonFlow.IntegrationTests.Operations.Docs;

/// <summary>A fenced code block of an operator page: its info string (<c>sh</c>, <c>text</c>, <c>text postgres</c>) and its lines.</summary>
internal sealed record MarkdownBlock(string File, int Line, string Info, IReadOnlyList<string> Lines)
{
    public string Where => $"{File}:{Line}";
}

/// <summary>Reads the fenced blocks of <c>docs/operations/*.md</c>.</summary>
internal static class MarkdownBlocks
{
    public static string OperationsDirectory => Path.Combine(ScriptProcess.RepositoryRoot, "docs", "operations");

    public static IReadOnlyList<string> Pages => [.. Directory.GetFiles(OperationsDirectory, "*.md").Order(StringComparer.Ordinal)];

    public static IEnumerable<MarkdownBlock> All() => Pages.SelectMany(Read);

    public static IEnumerable<MarkdownBlock> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var start = i;
            var info = lines[i][3..].Trim();
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
            {
                body.Add(lines[i]);
            }

            yield return new MarkdownBlock(Path.GetFileName(path), start + 1, info, body);
        }
    }
}
