using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Email;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.Postgres.Billing;

/// <summary>
/// Pro licenses bought through Stripe: fulfilment (license row, tenant's Stripe customer, email, inbox row — one
/// transaction in the tenant's org scope) and refunds (found across orgs through the SECURITY DEFINER lookup, revoked in
/// the owning org's scope). Runs on the request pool with the app role; idempotent on the event id and the session id.
/// </summary>
public sealed class StripeBillingStore(NpgsqlDataSource appDataSource, OrgScope scope)
{
    private const string TenantSql = "SELECT email FROM community_saas_tenants WHERE org_id = $1 AND expires_at > $2";

    private const string LicenseBySessionSql = """
        SELECT jti, license_token, issued_at, expires_at, revoked_at FROM plugin_user_licenses
        WHERE org_id = $1 AND stripe_session_id = $2
        """;

    private const string RefundSql = "SELECT refunded_at FROM stripe_refunds WHERE payment_intent_id = $1";

    private const string InsertLicenseSql = """
        INSERT INTO plugin_user_licenses (org_id, tenant_id, jti, tier, license_token, stripe_session_id, stripe_payment_intent_id,
                                          stripe_customer_id, issued_at, expires_at, revoked_at, revoke_reason, created_at)
        VALUES ($1, $1, $2, 'pro', $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (stripe_session_id) WHERE stripe_session_id IS NOT NULL DO NOTHING
        """;

    private const string TenantCustomerSql = "UPDATE community_saas_tenants SET stripe_customer_id = $2 WHERE org_id = $1";

    private const string LookupSql = "SELECT org_id, jti FROM billing_licenses_for_payment_intent($1)";

    private const string RecordRefundSql = """
        INSERT INTO stripe_refunds (payment_intent_id, charge_id, event_id, refunded_at, recorded_at)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (payment_intent_id) DO NOTHING
        """;

    private const string RevokeSql = """
        UPDATE plugin_user_licenses SET revoked_at = $3, revoke_reason = $4
        WHERE org_id = $1 AND stripe_payment_intent_id = $2 AND revoked_at IS NULL
        RETURNING jti
        """;

    public const string RefundReason = "stripe_full_refund";

    /// <param name="request">The paid session and the event that reported it.</param>
    /// <param name="mint">Signs a new token issued at the given instant (called at most once, only when a license is due).</param>
    /// <param name="email">The message carrying the token to <c>recipient</c>; null when there is no address to send it to.</param>
    /// <param name="cancellationToken">Cancels the transaction (nothing is written).</param>
    public Task<FulfillmentOutcome> FulfillAsync(
        CheckoutFulfillment request,
        Func<DateTimeOffset, MintedToken> mint,
        Func<StoredLicense, string?, OutboundEmail?> email,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(mint);
        ArgumentNullException.ThrowIfNull(email);
        return scope.RunAsync(request.Tenant, (session, token) => FulfillInScopeAsync(session, request, mint, email, token), cancellationToken);
    }

    /// <summary>Revokes what the payment intent bought, or keeps the refund for a checkout event still to come.</summary>
    public async Task<RefundOutcome> RecordRefundAsync(RefundNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var owners = await LookupAsync(null, notice.PaymentIntentId, cancellationToken);
        if (owners.Count == 0)
        {
            var pending = await RecordPendingRefundAsync(notice, cancellationToken);
            if (pending is not null)
            {
                return pending;
            }

            // The checkout committed between the lookup and the lock: revoke it like any other.
            owners = await LookupAsync(null, notice.PaymentIntentId, cancellationToken);
        }

        var revoked = new List<string>();
        var first = true;
        foreach (var org in owners.Select(o => o.Org).Distinct())
        {
            var recordEvent = first;
            first = false;
            var jtis = await scope.RunAsync(OrgId.Create(org), (session, token) => RevokeInScopeAsync(session, notice, recordEvent, token), cancellationToken);
            if (jtis is null)
            {
                return new RefundOutcome.DuplicateEvent();
            }

            revoked.AddRange(jtis);
        }

        return new RefundOutcome.Revoked(revoked);
    }

    private static async Task<FulfillmentOutcome> FulfillInScopeAsync(
        OrgScopedSession session,
        CheckoutFulfillment request,
        Func<DateTimeOffset, MintedToken> mint,
        Func<StoredLicense, string?, OutboundEmail?> email,
        CancellationToken cancellationToken)
    {
        if (request.PaymentIntentId is { } paymentIntent)
        {
            await using var lockCommand = session.CreateCommand(string.Empty);
            await StripeEventInbox.LockPaymentIntentAsync(lockCommand, paymentIntent, cancellationToken);
        }

        string? tenantEmail;
        await using (var tenant = session.CreateCommand(TenantSql))
        {
            StripeEventInbox.Add(tenant, session.Org.Value);
            StripeEventInbox.Add(tenant, request.Now);
            await using var reader = await tenant.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new FulfillmentOutcome.UnknownTenant();
            }

            tenantEmail = await reader.IsDBNullAsync(0, cancellationToken) ? null : reader.GetString(0);
        }

        bool firstDelivery;
        await using (var inbox = session.CreateCommand(string.Empty))
        {
            firstDelivery = await StripeEventInbox.TryRecordAsync(inbox, request.EventId, request.EventType, request.SessionId, request.Now, cancellationToken);
        }

        if (await FindBySessionAsync(session, request.SessionId, cancellationToken) is { } existing)
        {
            return new FulfillmentOutcome.Existing(existing);
        }

        if (!firstDelivery)
        {
            return new FulfillmentOutcome.DuplicateEvent();
        }

        DateTimeOffset? refundedAt = null;
        if (request.PaymentIntentId is not null)
        {
            await using var refund = session.CreateCommand(RefundSql);
            StripeEventInbox.Add(refund, request.PaymentIntentId);
            refundedAt = await refund.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
        }

        var minted = mint(request.Now);
        var revokedAt = refundedAt is null ? (DateTimeOffset?)null : request.Now;
        await using (var insert = session.CreateCommand(InsertLicenseSql))
        {
            StripeEventInbox.Add(insert, session.Org.Value);
            StripeEventInbox.Add(insert, minted.Jti);
            StripeEventInbox.Add(insert, minted.Token);
            StripeEventInbox.Add(insert, request.SessionId);
            StripeEventInbox.Add(insert, request.PaymentIntentId);
            StripeEventInbox.Add(insert, request.CustomerId);
            StripeEventInbox.Add(insert, minted.IssuedAt);
            StripeEventInbox.Add(insert, minted.ExpiresAt);
            StripeEventInbox.Add(insert, revokedAt);
            StripeEventInbox.Add(insert, revokedAt is null ? null : RefundReason);
            StripeEventInbox.Add(insert, request.Now);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // Another delivery for this session won the race (its row is visible now), or another org holds the id.
                return await FindBySessionAsync(session, request.SessionId, cancellationToken) is { } winner
                    ? new FulfillmentOutcome.Existing(winner)
                    : new FulfillmentOutcome.SessionConflict();
            }
        }

        if (request.CustomerId is not null)
        {
            await using var customer = session.CreateCommand(TenantCustomerSql);
            StripeEventInbox.Add(customer, session.Org.Value);
            StripeEventInbox.Add(customer, request.CustomerId);
            await customer.ExecuteNonQueryAsync(cancellationToken);
        }

        var stored = new StoredLicense(minted.Jti, minted.Token, minted.IssuedAt, minted.ExpiresAt, revokedAt);
        var message = revokedAt is null ? email(stored, request.CustomerEmail ?? tenantEmail) : null;
        if (message is not null)
        {
            await EmailOutbox.EnqueueAsync(session, message, request.Now, cancellationToken);
        }

        return new FulfillmentOutcome.Minted(stored, message is not null);
    }

    private static async Task<StoredLicense?> FindBySessionAsync(OrgScopedSession session, string sessionId, CancellationToken cancellationToken)
    {
        await using var command = session.CreateCommand(LicenseBySessionSql);
        StripeEventInbox.Add(command, session.Org.Value);
        StripeEventInbox.Add(command, sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredLicense(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetFieldValue<DateTimeOffset>(2),
            reader.GetFieldValue<DateTimeOffset>(3),
            await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetFieldValue<DateTimeOffset>(4));
    }

    private async Task<IReadOnlyList<(string Org, string Jti)>> LookupAsync(NpgsqlTransaction? transaction, string paymentIntentId, CancellationToken cancellationToken)
    {
        var owners = new List<(string, string)>();
        await using var command = transaction is null ? appDataSource.CreateCommand(LookupSql) : new NpgsqlCommand(LookupSql, transaction.Connection, transaction);
        StripeEventInbox.Add(command, paymentIntentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            owners.Add((reader.GetString(0), reader.GetString(1)));
        }

        return owners;
    }

    /// <summary>Under the payment-intent lock: null when a license exists after all, else the refund kept for later.</summary>
    private async Task<RefundOutcome?> RecordPendingRefundAsync(RefundNotice notice, CancellationToken cancellationToken)
    {
        await using var connection = await appDataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand(string.Empty, connection, transaction))
        {
            await StripeEventInbox.LockPaymentIntentAsync(lockCommand, notice.PaymentIntentId, cancellationToken);
        }

        if ((await LookupAsync(transaction, notice.PaymentIntentId, cancellationToken)).Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await using (var inbox = new NpgsqlCommand(string.Empty, connection, transaction))
        {
            if (!await StripeEventInbox.TryRecordAsync(inbox, notice.EventId, notice.EventType, notice.ChargeId, notice.Now, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return new RefundOutcome.DuplicateEvent();
            }
        }

        await using (var refund = new NpgsqlCommand(RecordRefundSql, connection, transaction))
        {
            AddRefund(refund, notice);
            await refund.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new RefundOutcome.Pending();
    }

    /// <summary>Null when the event was handled before.</summary>
    private static async Task<IReadOnlyList<string>?> RevokeInScopeAsync(OrgScopedSession session, RefundNotice notice, bool recordEvent, CancellationToken cancellationToken)
    {
        await using (var lockCommand = session.CreateCommand(string.Empty))
        {
            await StripeEventInbox.LockPaymentIntentAsync(lockCommand, notice.PaymentIntentId, cancellationToken);
        }

        if (recordEvent)
        {
            await using var inbox = session.CreateCommand(string.Empty);
            if (!await StripeEventInbox.TryRecordAsync(inbox, notice.EventId, notice.EventType, notice.ChargeId, notice.Now, cancellationToken))
            {
                return null;
            }
        }

        await using (var refund = session.CreateCommand(RecordRefundSql))
        {
            AddRefund(refund, notice);
            await refund.ExecuteNonQueryAsync(cancellationToken);
        }

        var jtis = new List<string>();
        await using var revoke = session.CreateCommand(RevokeSql);
        StripeEventInbox.Add(revoke, session.Org.Value);
        StripeEventInbox.Add(revoke, notice.PaymentIntentId);
        StripeEventInbox.Add(revoke, notice.Now);
        StripeEventInbox.Add(revoke, RefundReason);
        await using var reader = await revoke.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jtis.Add(reader.GetString(0));
        }

        return jtis;
    }

    private static void AddRefund(NpgsqlCommand command, RefundNotice notice)
    {
        StripeEventInbox.Add(command, notice.PaymentIntentId);
        StripeEventInbox.Add(command, notice.ChargeId);
        StripeEventInbox.Add(command, notice.EventId);
        StripeEventInbox.Add(command, notice.RefundedAt);
        StripeEventInbox.Add(command, notice.Now);
    }
}
