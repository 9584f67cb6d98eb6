using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.CommunitySaas.Tiers;

/// <summary>
/// Adds the telemetry insert to an org-scoped batch (<c>OrgScope.RunBatchForEachOrgAsync</c>): one round trip, the
/// org setting and the insert in one implicit transaction.
/// </summary>
public static class RequestTelemetryWriter
{
    private const string InsertSql = """
        INSERT INTO community_saas_request_telemetry (org_id, client_id, client, route, tier, status, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    public static void Add(NpgsqlBatch batch, string org, RequestTelemetryRow row)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(row);
        var insert = new NpgsqlBatchCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter { Value = org });
        insert.Parameters.Add(new NpgsqlParameter { Value = row.ClientId });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.Client ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = row.Route });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.Tier ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = row.Status });
        insert.Parameters.Add(new NpgsqlParameter { Value = row.CreatedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        batch.BatchCommands.Add(insert);
    }
}
