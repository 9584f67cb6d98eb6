using System.Text;
using System.Text.RegularExpressions;

namespace AxonFlow.IntegrationTests.Operations.Docs;

/// <summary>One command of an <c>sh</c> block: continuation lines joined, a here-document attached, and its words.</summary>
internal sealed partial record ShellCommand(string Where, string Text, string? HereDocument)
{
    /// <summary>The command as bash would run it (with its here-document).</summary>
    public string Script => HereDocument is null ? Text : $"{Text}\n{HereDocument}";

    public static IEnumerable<ShellCommand> From(MarkdownBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var lines = block.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var where = $"{block.File}:{block.Line + i + 1}";
            while (text.EndsWith('\\') && i + 1 < lines.Count)
            {
                text = text[..^1].TrimEnd() + " " + lines[++i].Trim();
            }

            string? hereDocument = null;
            if (HereDocumentStart().Match(text) is { Success: true } heredoc)
            {
                var terminator = heredoc.Groups["end"].Value;
                var body = new StringBuilder();
                for (i++; i < lines.Count && lines[i].Trim() != terminator; i++)
                {
                    body.Append(lines[i]).Append('\n');
                }

                hereDocument = body.Append(terminator).ToString();
            }

            yield return new ShellCommand(where, text, hereDocument);
        }
    }

    /// <summary>The here-document's lines without its terminator.</summary>
    public string HereDocumentBody => HereDocument is null ? string.Empty : HereDocument[..HereDocument.LastIndexOf('\n')];

    /// <summary>Splits the command line into words the way bash does for quotes (no expansion).</summary>
    public IReadOnlyList<string> Words()
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        var line = HereDocumentStart().Replace(Text, string.Empty);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is '\'' or '"')
            {
                var end = line.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new FormatException($"{Where}: unbalanced {c}");
                }

                current.Append(line, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    [GeneratedRegex(@"<<-?\s*'?(?<end>[A-Za-z_]+)'?")]
    private static partial Regex HereDocumentStart();
}
