using System.Globalization;
using System.Xml.Linq;
using Npgsql;

namespace AxonFlow.Postgres.Operations;

/// <summary>
/// Counts, per table with an <c>org_id</c> column, the rows the org backfill stamps or leaves alone. The per-table count
/// runs on the server (<c>query_to_xml</c> over a <c>format(%I)</c>-quoted name), so the statement text stays static.
/// </summary>
public static class OrgColumnCensus
{
    private const string CensusSql = """
        WITH me AS (
            SELECT r.oid, r.rolsuper OR r.rolbypassrls AS bypass FROM pg_catalog.pg_roles r WHERE r.rolname = current_user
        ), t AS (
            SELECT c.relname,
                   c.relrowsecurity AND NOT me.bypass AND (c.relforcerowsecurity OR c.relowner <> me.oid) AS hidden,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                           WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND a.attnum > 0 AND NOT a.attisdropped) AS has_tenant
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN me
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
              AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                          WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND a.attnum > 0 AND NOT a.attisdropped)
        )
        SELECT t.relname, t.has_tenant, t.hidden,
               query_to_xml(format(
                   'SELECT count(*) FILTER (WHERE coalesce(org_id::text, '''') = '''' AND %s) AS empty_org, '
                   || 'count(*) FILTER (WHERE coalesce(org_id::text, '''') = '''' AND %s) AS cs_rows, '
                   || 'count(*) FILTER (WHERE coalesce(org_id::text, '''') = '''' AND %s) AS global_rows, '
                   || 'count(*) FILTER (WHERE org_id::text = ''local-dev-org'') AS local_dev_rows FROM public.%I',
                   CASE WHEN t.has_tenant THEN 'tenant_id <> ''global''' ELSE 'true' END,
                   CASE WHEN t.has_tenant THEN 'tenant_id LIKE ''cs\_%''' ELSE 'false' END,
                   CASE WHEN t.has_tenant THEN 'tenant_id = ''global''' ELSE 'false' END,
                   t.relname), false, true, '')::text
        FROM t
        ORDER BY t.relname
        """;

    public static async Task<IReadOnlyList<OrgColumnCount>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var counts = new List<OrgColumnCount>();
        await using var command = new NpgsqlCommand(CensusSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = XElement.Parse(reader.GetString(3).Trim());
            long Count(string name) => long.Parse(row.Element(name)?.Value ?? "0", CultureInfo.InvariantCulture);
            counts.Add(new OrgColumnCount(
                reader.GetString(0),
                reader.GetBoolean(1),
                Count("empty_org"),
                Count("cs_rows"),
                Count("global_rows"),
                Count("local_dev_rows"),
                reader.GetBoolean(2)));
        }

        return counts;
    }
}
