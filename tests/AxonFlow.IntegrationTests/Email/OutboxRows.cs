using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Infrastructure;
using AxonFlow.Postgres.Email;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.IntegrationTests.Email;

/// <summary>Queues messages the way features do (EmailOutbox in an org-scoped app-role transaction) and reads rows back as the owner.</summary>
internal static class OutboxRows
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task ClearAsync(TestDatabase database)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("DELETE FROM email_outbox");
        await command.ExecuteNonQueryAsync(Token);
    }

    public static async Task<Guid> EnqueueAsync(TestDatabase database, string org, OutboundEmail message, DateTimeOffset now)
    {
        await using var app = database.CreateAppDataSource();
        return await new OrgScope(app).RunAsync(OrgId.Create(org), (session, t) => EmailOutbox.EnqueueAsync(session, message, now, t), Token);
    }

    public static async Task<IReadOnlyList<Guid>> EnqueueManyAsync(TestDatabase database, string org, int count, DateTimeOffset now)
    {
        await using var app = database.CreateAppDataSource();
        return await new OrgScope(app).RunAsync(
            OrgId.Create(org),
            async (session, t) =>
            {
                var ids = new List<Guid>();
                for (var i = 0; i < count; i++)
                {
                    ids.Add(await EmailOutbox.EnqueueAsync(session, new OutboundEmail("test.bulk", $"user{i}@bulk.test", $"Message {i}", $"body {i}"), now, t));
                }

                return ids;
            },
            Token);
    }

    public static async Task<OutboxRow> ReadAsync(TestDatabase database, Guid id)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand(
            "SELECT status, attempts, next_attempt_at, last_error, sent_at, body_text, body_html, provider_message_id FROM email_outbox WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token), $"no outbox row {id}");
        return new OutboxRow(
            reader.GetString(0),
            reader.GetInt32(1),
            reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7));
    }

    /// <summary>Polls the row until <paramref name="condition"/> holds (the worker runs on its own task), failing after 30 s.</summary>
    public static async Task<OutboxRow> WaitForAsync(TestDatabase database, Guid id, Func<OutboxRow, bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var row = await ReadAsync(database, id);
            if (condition(row))
            {
                return row;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"outbox row {id} never reached the expected state; last: {row}");
            await Task.Delay(50, Token);
        }
    }

    public static async Task<long> CountAsync(TestDatabase database, string status)
    {
        await using var owner = database.CreateOwnerDataSource();
        await using var command = owner.CreateCommand("SELECT count(*) FROM email_outbox WHERE status = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }
}

internal sealed record OutboxRow(
    string Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset? SentAt,
    string? BodyText,
    string? BodyHtml,
    string? ProviderMessageId);
