using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.CommunitySaas.Tiers;

/// <summary>
/// The org's daily event counter in <c>daily_usage</c>, counted atomically in PostgreSQL so the cap holds across nodes
/// and under concurrency: the upsert increments only while the count is below the limit, and a refused request
/// changes nothing. The org's row uses <c>client_id = org_id</c> (in Community SaaS, org = client = tenant id).
/// </summary>
public static class DailyUsageCounter
{
    private const string CountSql = """
        INSERT INTO daily_usage AS d (org_id, tenant_id, client_id, usage_date, event_count, updated_at)
        VALUES ($1, $1, $1, $2, 1, $3)
        ON CONFLICT (org_id, client_id, usage_date)
        DO UPDATE SET event_count = d.event_count + 1, updated_at = excluded.updated_at
        WHERE d.event_count < $4
        RETURNING d.event_count
        """;

    private const string TenantSql = "SELECT EXISTS (SELECT 1 FROM community_saas_tenants WHERE org_id = $1)";

    /// <summary>Counts one event; returns the new count, or null when the org is already at <paramref name="limit"/>.</summary>
    public static async Task<long?> TryCountAsync(OrgScopedSession session, DateOnly day, int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = session.CreateCommand(CountSql);
        command.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = day, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)limit, NpgsqlDbType = NpgsqlDbType.Bigint });
        return await command.ExecuteScalarAsync(cancellationToken) is long count ? count : null;
    }

    /// <summary>Whether the org is a registered Community SaaS tenant (a <c>community_saas_tenants</c> row).</summary>
    public static async Task<bool> IsTenantAsync(OrgScopedSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var command = session.CreateCommand(TenantSql);
        command.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
