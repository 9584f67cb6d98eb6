namespace AxonFlow.Postgres.Email;

/// <summary>The channel migration 021's insert trigger notifies; the payload is always empty.</summary>
public static class EmailOutboxChannel
{
    public const string Name = "axonflow_email_outbox";
}
