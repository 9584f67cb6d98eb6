using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.CommunitySaas.Tiers;

/// <summary>
/// The cross-org side of the retention sweep, on the platform-admin pool: per table, deletes at most one batch of rows
/// older than their tenant's tier retention (Premium with an active premium license, Pro with an active pro license,
/// else Free). Only orgs with a <c>community_saas_tenants</c> row are touched. Table names come from the fixed
/// <see cref="RetentionTable.All"/> list, never from input.
/// </summary>
public sealed class RetentionSweepStore(NpgsqlDataSource platformAdmin)
{
    private const string SchemaProbeSql = "SELECT (SELECT count(*) FROM community_saas_tenants) + (SELECT count(*) FROM (SELECT 1 FROM plugin_user_licenses LIMIT 1) AS l)";

    private const string DeleteTemplate = """
        WITH retention AS (
            SELECT t.org_id,
                   CASE WHEN EXISTS (SELECT 1 FROM plugin_user_licenses l
                                     WHERE l.org_id = t.org_id AND l.tier = 'premium' AND l.revoked_at IS NULL AND l.expires_at > $1) THEN $4
                        WHEN EXISTS (SELECT 1 FROM plugin_user_licenses l
                                     WHERE l.org_id = t.org_id AND l.tier = 'pro' AND l.revoked_at IS NULL AND l.expires_at > $1) THEN $3
                        ELSE $2 END AS keep
            FROM community_saas_tenants AS t
        )
        DELETE FROM {table} WHERE ctid = ANY (ARRAY(
            SELECT x.ctid FROM {table} AS x JOIN retention AS r ON r.org_id = x.org_id
            WHERE {age} < $1 - r.keep
            LIMIT $5))
        """;

    private static readonly Dictionary<string, string> DeleteSql = RetentionTable.All.ToDictionary(
        t => t.Name,
        t => DeleteTemplate.Replace("{table}", t.Name, StringComparison.Ordinal).Replace("{age}", t.AgeExpression, StringComparison.Ordinal),
        StringComparer.Ordinal);

    /// <summary>Touches the SaaS tables; throws <see cref="PostgresException"/> 42P01 when the schema lacks them.</summary>
    public async Task ProbeSchemaAsync(CancellationToken cancellationToken)
    {
        await using var command = platformAdmin.CreateCommand(SchemaProbeSql);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Deletes up to <paramref name="batchSize"/> expired rows of <paramref name="table"/>; returns how many.</summary>
    public async Task<int> DeleteBatchAsync(RetentionTable table, DateTimeOffset now, RetentionPeriods periods, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(periods);
        await using var command = platformAdmin.CreateCommand(DeleteSql[table.Name]);
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Free, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Pro, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = periods.Premium, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = batchSize });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
