namespace AxonFlow.Postgres.Billing;

/// <summary>The result of fulfilling a Checkout Session; every case but <see cref="UnknownTenant"/> and <see cref="SessionConflict"/> is a 200.</summary>
public abstract record FulfillmentOutcome
{
    private FulfillmentOutcome()
    {
    }

    /// <summary>This delivery minted the license (revoked at once when a qualifying refund was already recorded).</summary>
    public sealed record Minted(StoredLicense License, bool EmailQueued) : FulfillmentOutcome;

    /// <summary>The session was fulfilled before (a retry or the other checkout event): the stored license, unchanged.</summary>
    public sealed record Existing(StoredLicense License) : FulfillmentOutcome;

    /// <summary>This event id was handled before and there is no license to return (the tenant was erased since).</summary>
    public sealed record DuplicateEvent : FulfillmentOutcome;

    /// <summary>The tenant named by the session does not exist (or has expired): nothing was written.</summary>
    public sealed record UnknownTenant : FulfillmentOutcome;

    /// <summary>The session id is already fulfilled for another tenant: nothing was written.</summary>
    public sealed record SessionConflict : FulfillmentOutcome;
}
