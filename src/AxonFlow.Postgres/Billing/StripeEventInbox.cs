using Npgsql;

namespace AxonFlow.Postgres.Billing;

/// <summary>
/// The global <c>stripe_events</c> inbox and the per-payment-intent lock. Both run inside the caller's transaction, so
/// the inbox row commits with the effect it records (a license minted, a license revoked) or not at all.
/// </summary>
internal static class StripeEventInbox
{
    private const string RecordSql = """
        INSERT INTO stripe_events (event_id, type, object_id, received_at, processed_at)
        VALUES ($1, $2, $3, $4, $4)
        ON CONFLICT (event_id) DO NOTHING
        """;

    // Serialises the checkout and the refund of one payment intent, so a refund racing its checkout cannot miss it.
    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtextextended($1, 19))";

    /// <summary>True when this is the first time the event id is seen.</summary>
    public static async Task<bool> TryRecordAsync(NpgsqlCommand command, string eventId, string type, string? objectId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        command.CommandText = RecordSql;
        Add(command, eventId);
        Add(command, type);
        Add(command, objectId);
        Add(command, now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public static async Task LockPaymentIntentAsync(NpgsqlCommand command, string paymentIntentId, CancellationToken cancellationToken)
    {
        command.CommandText = LockSql;
        Add(command, paymentIntentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static void Add(NpgsqlCommand command, object? value) =>
        command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
}
