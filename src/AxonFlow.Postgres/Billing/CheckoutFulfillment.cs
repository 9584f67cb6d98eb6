using AxonFlow.Core.Identity;

namespace AxonFlow.Postgres.Billing;

/// <summary>A paid Checkout Session to turn into a Pro license for <paramref name="Tenant"/>, from the Stripe event that reported it.</summary>
public sealed record CheckoutFulfillment(
    string EventId,
    string EventType,
    string SessionId,
    OrgId Tenant,
    string? PaymentIntentId,
    string? CustomerId,
    string? CustomerEmail,
    DateTimeOffset Now);

/// <summary>A license row as minted and stored: <see cref="Token"/> is the exact text handed out, <see cref="IssuedAt"/> the value it signs.</summary>
public sealed record StoredLicense(string Jti, string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>What the minting callback returns: the signed token and the claims the row must repeat.</summary>
public sealed record MintedToken(string Jti, string Token, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
