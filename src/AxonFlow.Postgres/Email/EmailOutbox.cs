using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.Postgres.Email;

/// <summary>
/// Writes a message into <c>email_outbox</c> inside the caller's org-scoped transaction, so the message commits or rolls
/// back with the change it reports; delivery happens later, from the outbox, with retries.
/// </summary>
public static class EmailOutbox
{
    private const string InsertSql = """
        INSERT INTO email_outbox (org_id, kind, recipient, subject, body_text, body_html, next_attempt_at, created_at, sender)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)
        RETURNING id
        """;

    public static async Task<Guid> EnqueueAsync(OrgScopedSession session, OutboundEmail message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.Kind);
        ArgumentException.ThrowIfNullOrEmpty(message.Recipient);
        await using var command = session.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = message.Kind });
        command.Parameters.Add(new NpgsqlParameter { Value = message.Recipient });
        command.Parameters.Add(new NpgsqlParameter { Value = message.Subject });
        command.Parameters.Add(new NpgsqlParameter { Value = message.TextBody });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)message.HtmlBody ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)message.Sender ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
