using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AxonFlow.Postgres.Migrations;

/// <summary>The embedded <c>NNN_name.sql</c> files in version order, each paired with its <c>_down.sql</c> when it has one.</summary>
public sealed partial class MigrationCatalog
{
    private const string ResourcePrefix = "migrations/";

    public MigrationCatalog(IReadOnlyList<MigrationScript> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.FileName))}.");
        }

        Scripts = [.. scripts.OrderBy(s => s.Version)];
    }

    public IReadOnlyList<MigrationScript> Scripts { get; }

    public int LatestVersion => Scripts.Count == 0 ? 0 : Scripts[^1].Version;

    public static MigrationCatalog Embedded { get; } = LoadEmbedded();

    public MigrationScript? FindBatch(int batch) => Scripts.FirstOrDefault(s => s.RlsBatch == batch);

    /// <summary>SHA-256 over the text with line endings normalised, so a checkout with CRLF does not look like drift.</summary>
    public static string ChecksumOf(string sql)
    {
        var normalized = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    public static MigrationScript Parse(string fileName, string sql, string? downSql)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(sql);
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration file '{fileName}' does not match NNN_name.sql.");
        }

        var version = int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
        var name = match.Groups["name"].Value;
        var batchMatch = RlsBatchPattern().Match(name);
        int? batch = batchMatch.Success ? int.Parse(batchMatch.Groups["batch"].Value, CultureInfo.InvariantCulture) : null;
        if (batch is not null && downSql is null)
        {
            throw new InvalidOperationException($"FORCE-RLS batch migration '{fileName}' has no _down.sql pair.");
        }

        return new MigrationScript(version, name, fileName, sql, ChecksumOf(sql), downSql, batch);
    }

    private static MigrationCatalog LoadEmbedded()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n => Read(assembly, n), StringComparer.Ordinal);

        var scripts = files
            .Where(f => !f.Key.EndsWith("_down.sql", StringComparison.Ordinal))
            .Select(f => Parse(f.Key, f.Value, files.GetValueOrDefault(f.Key[..^".sql".Length] + "_down.sql")))
            .ToList();
        return new MigrationCatalog(scripts);
    }

    private static string Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded migration '{resourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>\d{3,})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();

    [GeneratedRegex(@"^rls_b(?<batch>\d+)_")]
    private static partial Regex RlsBatchPattern();
}
