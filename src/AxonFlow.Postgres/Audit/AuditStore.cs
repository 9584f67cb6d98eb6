using System.Text.Json;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.Postgres.Audit;

/// <summary>Reads of the audit trail, always inside the caller's org scope: RLS decides what exists.</summary>
public sealed class AuditStore(OrgScope orgScope)
{
    private const string Columns = """
        audit_id, request_id, "timestamp", org_id, client_id, tenant_id, user_id, request_type, policy_decision, block_reason,
        policies, provider, model, prompt_tokens, completion_tokens, coalesce(tokens_used, 0), cost, response_time_ms,
        query_redacted, client, risk_score, policy_details
        """;

    // Every filter is a bound parameter that is NULL when unused, so the statement text stays static.
    private const string Filter = """
        WHERE ($1::text IS NULL OR client_id = $1)
          AND ($2::text IS NULL OR user_id = $2)
          AND ($3::text IS NULL OR request_type = $3)
          AND ($4::text IS NULL OR policy_decision = $4)
          AND ($5::timestamptz IS NULL OR "timestamp" >= $5)
          AND ($6::timestamptz IS NULL OR "timestamp" < $6)
        """;

    private const string SearchSql = $"SELECT {Columns} FROM audit_logs {Filter} ORDER BY \"timestamp\" DESC, id DESC LIMIT $7 OFFSET $8";

    private const string CountSql = $"SELECT count(*) FROM audit_logs {Filter}";

    private const string ExportSql = $"SELECT {Columns} FROM audit_logs {Filter} ORDER BY \"timestamp\", id";

    public Task<(IReadOnlyList<AuditEntry> Entries, long Total)> SearchAsync(OrgId org, AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return orgScope.RunAsync<(IReadOnlyList<AuditEntry>, long)>(
            org,
            async (session, token) =>
            {
                long total;
                await using (var count = session.CreateCommand(CountSql))
                {
                    AddFilters(count, query);
                    total = (long)(await count.ExecuteScalarAsync(token))!;
                }

                var entries = new List<AuditEntry>();
                await using var search = session.CreateCommand(SearchSql);
                AddFilters(search, query);
                search.Parameters.Add(new NpgsqlParameter { Value = query.Limit });
                search.Parameters.Add(new NpgsqlParameter { Value = query.Offset });
                await using var reader = await search.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    entries.Add(Read(reader));
                }

                return (entries, total);
            },
            cancellationToken);
    }

    /// <summary>Streams every matching row, oldest first, to <paramref name="write"/> without buffering the result.</summary>
    public Task ExportAsync(OrgId org, AuditQuery query, Func<AuditEntry, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(write);
        return orgScope.RunAsync(
            org,
            async (session, token) =>
            {
                await using var export = session.CreateCommand(ExportSql);
                AddFilters(export, query);
                await using var reader = await export.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, token);
                while (await reader.ReadAsync(token))
                {
                    await write(Read(reader), token);
                }
            },
            cancellationToken);
    }

    private static void AddFilters(NpgsqlCommand command, AuditQuery query)
    {
        command.Parameters.Add(Text(query.ClientId));
        command.Parameters.Add(Text(query.UserId));
        command.Parameters.Add(Text(query.RequestType));
        command.Parameters.Add(Text(query.Decision));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.StartTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)query.EndTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };

    private static AuditEntry Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetFieldValue<DateTimeOffset>(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetString(7),
        reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        JsonDocument.Parse(reader.GetString(10)).RootElement.Clone(),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        reader.IsDBNull(12) ? null : reader.GetString(12),
        reader.GetInt32(13),
        reader.GetInt32(14),
        reader.GetInt32(15),
        reader.IsDBNull(16) ? null : reader.GetDecimal(16),
        reader.IsDBNull(17) ? null : reader.GetInt32(17),
        reader.IsDBNull(18) ? null : reader.GetString(18),
        reader.IsDBNull(19) ? null : reader.GetString(19),
        reader.GetDouble(20),
        JsonDocument.Parse(reader.GetString(21)).RootElement.Clone());
}
