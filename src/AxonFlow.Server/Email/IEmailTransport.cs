using AxonFlow.Postgres.Email;

namespace AxonFlow.Server.Email;

/// <summary>Hands one claimed message to a relay or an API. Never throws for a delivery failure: it returns the outcome.</summary>
internal interface IEmailTransport
{
    /// <summary>The short name logs and <c>last_error</c> use (<c>smtp</c>, <c>resend</c>).</summary>
    string Name { get; }

    Task<DeliveryOutcome> SendAsync(ClaimedEmail message, CancellationToken cancellationToken);
}
