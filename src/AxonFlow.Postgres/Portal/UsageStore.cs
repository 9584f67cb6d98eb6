using AxonFlow.Core.Identity;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.Portal;

/// <summary>Usage analytics for the portal, aggregated from the org's audit trail inside its org scope.</summary>
public sealed class UsageStore(OrgScope orgScope)
{
    private const string Measures = """
        count(*),
        count(*) FILTER (WHERE policy_decision = 'blocked'),
        count(*) FILTER (WHERE policy_decision = 'redacted'),
        coalesce(sum(coalesce(tokens_used, prompt_tokens + completion_tokens)), 0)::bigint,
        coalesce(sum(cost), 0)
        """;

    private const string Range = """
        WHERE "timestamp" >= $1 AND "timestamp" < $2 AND ($3::text IS NULL OR client_id = $3)
        """;

    private const string DailySql = $"""
        SELECT ("timestamp" AT TIME ZONE 'UTC')::date, {Measures}
        FROM audit_logs {Range}
        GROUP BY 1 ORDER BY 1
        """;

    private const string ClientsSql = $"""
        SELECT client_id, {Measures}
        FROM audit_logs {Range}
        GROUP BY client_id ORDER BY 2 DESC, client_id
        LIMIT {MaxClientsText}
        """;

    private const string MaxClientsText = "1000";

    /// <param name="org">The org whose audit trail is read.</param>
    /// <param name="from">First UTC day, included.</param>
    /// <param name="to">Last UTC day, included.</param>
    /// <param name="clientId">Only this client's records, when set.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public Task<UsageReport> GetAsync(OrgId org, DateOnly from, DateOnly to, string? clientId, CancellationToken cancellationToken) =>
        orgScope.RunAsync(
            org,
            async (session, token) =>
            {
                var days = new Dictionary<DateOnly, UsageTotals>();
                await using (var daily = session.CreateCommand(DailySql))
                {
                    AddRange(daily, from, to, clientId);
                    await using var reader = await daily.ExecuteReaderAsync(token);
                    while (await reader.ReadAsync(token))
                    {
                        days[DateOnly.FromDateTime(reader.GetFieldValue<DateTime>(0))] = ReadTotals(reader);
                    }
                }

                var clients = new List<ClientUsage>();
                await using (var perClient = session.CreateCommand(ClientsSql))
                {
                    AddRange(perClient, from, to, clientId);
                    await using var reader = await perClient.ExecuteReaderAsync(token);
                    while (await reader.ReadAsync(token))
                    {
                        clients.Add(new ClientUsage(reader.GetString(0), ReadTotals(reader)));
                    }
                }

                var series = new List<DailyUsage>();
                for (var day = from; day <= to; day = day.AddDays(1))
                {
                    series.Add(new DailyUsage(day, days.GetValueOrDefault(day, UsageTotals.Zero)));
                }

                var totals = new UsageTotals(
                    series.Sum(d => d.Usage.Requests),
                    series.Sum(d => d.Usage.Blocked),
                    series.Sum(d => d.Usage.Redacted),
                    series.Sum(d => d.Usage.Tokens),
                    series.Sum(d => d.Usage.Cost));
                return new UsageReport(from, to, totals, series, clients);
            },
            cancellationToken);

    private static void AddRange(NpgsqlCommand command, DateOnly from, DateOnly to, string? clientId)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });
        command.Parameters.Add(new NpgsqlParameter { Value = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)clientId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
    }

    private static UsageTotals ReadTotals(NpgsqlDataReader reader) =>
        new(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDecimal(5));
}
