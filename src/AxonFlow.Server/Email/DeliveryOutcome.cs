namespace AxonFlow.Server.Email;

/// <summary>What a transport did with one message. Error texts name a class of failure, never an address, body or secret.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome()
    {
    }

    /// <summary>Accepted by the relay or the API; <paramref name="ProviderMessageId"/> is its Message-Id or the provider's id.</summary>
    public sealed record Delivered(string? ProviderMessageId) : DeliveryOutcome;

    /// <summary>
    /// Worth another attempt later (connection refused, 4xx SMTP reply, HTTP 429 or 5xx, timeout); <paramref name="RetryAfter"/>
    /// is the wait the provider asked for (HTTP <c>Retry-After</c>), a floor under the backoff.
    /// </summary>
    public sealed record Transient(string Error, TimeSpan? RetryAfter = null) : DeliveryOutcome;

    /// <summary>Retrying cannot help (5xx SMTP reply to the message, HTTP 4xx): the message is failed now.</summary>
    public sealed record Permanent(string Error) : DeliveryOutcome;
}
