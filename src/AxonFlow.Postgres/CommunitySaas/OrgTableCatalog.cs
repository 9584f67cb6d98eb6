using Npgsql;

namespace AxonFlow.Postgres.CommunitySaas;

/// <summary>
/// Every table of the public schema with an <c>org_id</c> column, read from the catalog at erasure time (so tables other
/// features add later are covered), ordered so that a table is emptied before the tables its foreign keys point to;
/// <c>organizations</c> goes last.
/// </summary>
public static class OrgTableCatalog
{
    private const string TablesSql = """
        SELECT c.relname
        FROM pg_catalog.pg_class AS c
        JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND a.attname = 'org_id' AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.relname
        """;

    private const string ForeignKeysSql = """
        SELECT src.relname, dst.relname
        FROM pg_catalog.pg_constraint AS k
        JOIN pg_catalog.pg_class AS src ON src.oid = k.conrelid
        JOIN pg_catalog.pg_class AS dst ON dst.oid = k.confrelid
        JOIN pg_catalog.pg_namespace AS n ON n.oid = src.relnamespace
        WHERE k.contype = 'f' AND n.nspname = 'public' AND src.oid <> dst.oid
        """;

    public static async Task<IReadOnlyList<string>> ReadInDeleteOrderAsync(Func<string, NpgsqlCommand> createCommand, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createCommand);
        var tables = new List<string>();
        await using (var command = createCommand(TablesSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var references = new List<(string From, string To)>();
        await using (var command = createCommand(ForeignKeysSql))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                references.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return Order(tables, references);
    }

    /// <summary>Referencing tables before referenced ones (Kahn's algorithm); a cycle keeps catalog order for what remains.</summary>
    public static IReadOnlyList<string> Order(IReadOnlyList<string> tables, IReadOnlyList<(string From, string To)> references)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(references);
        var set = new HashSet<string>(tables, StringComparer.Ordinal);
        var edges = references.Where(r => set.Contains(r.From) && set.Contains(r.To)).Distinct().ToList();
        var remaining = tables.Where(t => t != "organizations").ToList();
        var ordered = new List<string>();
        while (remaining.Count > 0)
        {
            // A table may go once no remaining table still references it.
            var next = remaining.FirstOrDefault(t => !edges.Any(e => e.To == t && e.From != t && remaining.Contains(e.From))) ?? remaining[0];
            ordered.Add(next);
            remaining.Remove(next);
        }

        if (set.Contains("organizations"))
        {
            ordered.Add("organizations");
        }

        return ordered;
    }

    /// <summary>A catalog name as a quoted identifier; names outside the plain lowercase form are refused, not escaped.</summary>
    public static string Quote(string table)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        if (table.Length > 63 || !table.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') || char.IsAsciiDigit(table[0]))
        {
            throw new InvalidOperationException($"Refusing to erase from a table with an unusual name ({table.Length} characters).");
        }

        return "\"" + table + "\"";
    }
}
