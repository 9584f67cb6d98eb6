using Npgsql;

namespace AxonFlow.Postgres.Email;

/// <summary>
/// The delivery side of <c>email_outbox</c>, across orgs, so it runs on the platform-admin pool (or the legacy owner pool).
/// A claim moves <c>next_attempt_at</c> to the end of a lease inside one statement over rows locked with
/// <c>FOR UPDATE SKIP LOCKED</c>: two workers on one database never claim the same row, and a worker that dies mid-send
/// leaves the row to be retried once the lease runs out.
/// </summary>
public sealed class EmailOutboxDelivery(NpgsqlDataSource dataSource)
{
    private const string ClaimSql = """
        WITH due AS (
            SELECT id FROM email_outbox
            WHERE status = 'pending' AND next_attempt_at <= $1
            ORDER BY next_attempt_at, id
            LIMIT $2
            FOR UPDATE SKIP LOCKED
        )
        UPDATE email_outbox AS o
        SET next_attempt_at = $3, attempts = o.attempts + $4
        FROM due
        WHERE o.id = due.id
        RETURNING o.id, o.org_id, o.kind, o.recipient, o.sender, o.subject, o.body_text, o.body_html, o.attempts, o.created_at
        """;

    private const string SentSql = """
        UPDATE email_outbox
        SET status = 'sent', sent_at = $2, body_text = NULL, body_html = NULL, last_error = NULL, provider_message_id = $3
        WHERE id = $1 AND status = 'pending'
        """;

    private const string RetrySql = "UPDATE email_outbox SET next_attempt_at = $2, last_error = $3 WHERE id = $1 AND status = 'pending'";

    private const string FailedSql = "UPDATE email_outbox SET status = 'failed', next_attempt_at = $2, last_error = $3 WHERE id = $1 AND status = 'pending'";

    /// <summary>
    /// Claims up to <paramref name="limit"/> due messages until <paramref name="leaseUntil"/>. With
    /// <paramref name="countAttempt"/> false (the dev log, which sends nothing) the attempt counter is left alone.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedEmail>> ClaimDueAsync(DateTimeOffset now, int limit, DateTimeOffset leaseUntil, bool countAttempt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        command.Parameters.Add(new NpgsqlParameter { Value = leaseUntil });
        command.Parameters.Add(new NpgsqlParameter { Value = countAttempt ? 1 : 0 });
        var claimed = new List<ClaimedEmail>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedEmail(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetInt32(8),
                reader.GetFieldValue<DateTimeOffset>(9)));
        }

        return claimed;
    }

    /// <summary>Marks a message sent and clears its bodies: they may carry single-use tokens.</summary>
    public Task MarkSentAsync(Guid id, DateTimeOffset sentAt, string? providerMessageId, CancellationToken cancellationToken) =>
        ExecuteAsync(SentSql, id, sentAt, providerMessageId, cancellationToken);

    /// <summary>Leaves a message pending until <paramref name="nextAttemptAt"/>; <paramref name="error"/> never holds a secret.</summary>
    public Task ScheduleRetryAsync(Guid id, DateTimeOffset nextAttemptAt, string? error, CancellationToken cancellationToken) =>
        ExecuteAsync(RetrySql, id, nextAttemptAt, error, cancellationToken);

    /// <summary>Gives up on a message; its bodies stay so an operator can requeue it (docs/email.md).</summary>
    public Task MarkFailedAsync(Guid id, DateTimeOffset now, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(FailedSql, id, now, error, cancellationToken);

    private async Task ExecuteAsync(string sql, Guid id, DateTimeOffset at, string? text, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)text ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
