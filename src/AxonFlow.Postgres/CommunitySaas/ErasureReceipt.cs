namespace AxonFlow.Postgres.CommunitySaas;

/// <summary>
/// What one erasure removed: the <c>deletion_log</c> row, the rows deleted per table, and the Stripe customers to delete
/// after commit (ids only; never sent to the caller).
/// </summary>
public sealed record ErasureReceipt(long LogId, DateTimeOffset DeletedAt, IReadOnlyDictionary<string, long> Scope, IReadOnlyList<string> StripeCustomers);
