namespace AxonFlow.Postgres.Billing;

/// <summary>A full refund inside the revocation window, as reported by a <c>charge.refunded</c> event.</summary>
public sealed record RefundNotice(string EventId, string EventType, string ChargeId, string PaymentIntentId, DateTimeOffset RefundedAt, DateTimeOffset Now);

/// <summary>What recording a refund did.</summary>
public abstract record RefundOutcome
{
    private RefundOutcome()
    {
    }

    /// <summary>The licenses bought with the payment intent are revoked now (their jtis, for the global denylist).</summary>
    public sealed record Revoked(IReadOnlyList<string> Jtis) : RefundOutcome;

    /// <summary>No license exists yet: the refund is kept, and the checkout event, when it comes, mints the license revoked.</summary>
    public sealed record Pending : RefundOutcome;

    /// <summary>This event id was handled before: nothing changed.</summary>
    public sealed record DuplicateEvent : RefundOutcome;
}
