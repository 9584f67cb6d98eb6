using AxonFlow.IntegrationTests.Infrastructure;
using Npgsql;

namespace AxonFlow.IntegrationTests.CommunitySaas;

/// <summary>Looks through every column of every table of the database (from the catalog) for a value.</summary>
internal static class DatabaseScan
{
    private const string ColumnsSql = """
        SELECT n.nspname, c.relname, a.attname, t.typname, t.typcategory
        FROM pg_catalog.pg_attribute AS a
        JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
        JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_catalog.pg_type AS t ON t.oid = a.atttypid
        WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
        ORDER BY 1, 2, 3
        """;

    /// <summary>"schema.table.column" of every text-like column (text, varchar, json, arrays, …) containing <paramref name="needle"/>, case-insensitively.</summary>
    public static async Task<IReadOnlyList<string>> TextColumnsContainingAsync(TestDatabase database, string needle) =>
        await FindAsync(database, (schema, table, column, type, category) =>
            category is "S" or "U" or "A" || type is "json" or "jsonb"
                ? ($"SELECT count(*) FROM {Q(schema)}.{Q(table)} WHERE {Q(column)}::text ILIKE '%' || $1 || '%'", (object)needle)
                : null);

    /// <summary>Every bytea column holding <paramref name="bytes"/> (anywhere in the value).</summary>
    public static async Task<IReadOnlyList<string>> BinaryColumnsContainingAsync(TestDatabase database, byte[] bytes) =>
        await FindAsync(database, (schema, table, column, type, _) =>
            type == "bytea" ? ($"SELECT count(*) FROM {Q(schema)}.{Q(table)} WHERE position($1::bytea IN {Q(column)}) > 0", (object)bytes) : null);

    /// <summary>How many tables the scan covers (so a test can show it looked at all of them).</summary>
    public static async Task<int> TableCountAsync(TestDatabase database)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'");
        return (int)(long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private static async Task<IReadOnlyList<string>> FindAsync(TestDatabase database, Func<string, string, string, string, string, (string Sql, object Value)?> probe)
    {
        await using var owner = database.CreateOwnerDataSource();
        var columns = new List<(string Schema, string Table, string Column, string Type, string Category)>();
        await using (var command = owner.CreateCommand(ColumnsSql))
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetChar(4).ToString()));
            }
        }

        var hits = new List<string>();
        foreach (var (schema, table, column, type, category) in columns)
        {
            if (probe(schema, table, column, type, category) is not { } query)
            {
                continue;
            }

            await using var count = owner.CreateCommand(query.Sql);
            count.Parameters.Add(new NpgsqlParameter { Value = query.Value });
            if ((long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))! > 0)
            {
                hits.Add($"{schema}.{table}.{column}");
            }
        }

        return hits;
    }

    private static string Q(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
