using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.Usage;

/// <summary>
/// Per-day and per-client usage of one org from <c>audit_logs</c> (one row per governed request: decision, tokens, cost),
/// read inside the org's scope. The range is in whole UTC days and bounded by the caller.
/// </summary>
public static class UsageReader
{
    public const int MaxDays = 366;

    private const string DaysSql = """
        WITH usage AS (
            SELECT ("timestamp" AT TIME ZONE 'UTC')::date AS day,
                   count(*) AS requests,
                   count(*) FILTER (WHERE policy_decision = 'blocked') AS blocked,
                   coalesce(sum(tokens_used), 0)::bigint AS tokens,
                   coalesce(sum(cost), 0) AS cost
            FROM audit_logs
            WHERE org_id = $1 AND "timestamp" >= $4 AND "timestamp" < $5
            GROUP BY 1
        )
        SELECT d::date, coalesce(u.requests, 0), coalesce(u.blocked, 0), coalesce(u.tokens, 0), coalesce(u.cost, 0)
        FROM generate_series($2::date, $3::date, interval '1 day') AS d
        LEFT JOIN usage AS u ON u.day = d::date
        ORDER BY 1
        """;

    private const string ClientsSql = """
        SELECT client_id, count(*), count(*) FILTER (WHERE policy_decision = 'blocked'),
               coalesce(sum(tokens_used), 0)::bigint, coalesce(sum(cost), 0)
        FROM audit_logs
        WHERE org_id = $1 AND "timestamp" >= $2 AND "timestamp" < $3
        GROUP BY client_id
        ORDER BY count(*) DESC, client_id
        """;

    public static async Task<UsageReport> ReadAsync(OrgScopedSession session, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"The range must run forward and span at most {MaxDays} days.");
        }

        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var days = new List<UsageDay>();
        await using (var daily = session.CreateCommand(DaysSql))
        {
            daily.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
            daily.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
            daily.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
            daily.Parameters.Add(new NpgsqlParameter { Value = start, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            daily.Parameters.Add(new NpgsqlParameter { Value = end, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var reader = await daily.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                days.Add(new UsageDay(reader.GetFieldValue<DateOnly>(0), ReadCounts(reader, 1)));
            }
        }

        var clients = new List<UsageByClient>();
        await using (var byClient = session.CreateCommand(ClientsSql))
        {
            byClient.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
            byClient.Parameters.Add(new NpgsqlParameter { Value = start, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            byClient.Parameters.Add(new NpgsqlParameter { Value = end, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var reader = await byClient.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                clients.Add(new UsageByClient(reader.GetString(0), ReadCounts(reader, 1)));
            }
        }

        var totals = new UsageCounts(
            days.Sum(d => d.Counts.Requests),
            days.Sum(d => d.Counts.Blocked),
            days.Sum(d => d.Counts.Tokens),
            days.Sum(d => d.Counts.CostUsd));
        return new UsageReport(from, to, totals, days, clients);
    }

    private static UsageCounts ReadCounts(NpgsqlDataReader reader, int first) =>
        new(reader.GetInt64(first), reader.GetInt64(first + 1), reader.GetInt64(first + 2), reader.GetDecimal(first + 3));
}
