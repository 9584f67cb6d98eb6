namespace AxonFlow.Server.CommunitySaas.Erasure;

/// <summary>The one answer of <c>delete-request</c>, whether or not the tenant exists or the email matched.</summary>
internal sealed record DeleteRequestAccepted(string Status, string Message);

/// <summary>
/// The erasure receipt: the ledger row's id and time, the keyed subject hash it records, the rows erased per table, and
/// the outcome of the best-effort Stripe customer deletion. No personal data.
/// </summary>
internal sealed record ErasureReceiptResponse(
    string Status,
    long ReceiptId,
    DateTimeOffset DeletedAt,
    string SubjectHash,
    IReadOnlyDictionary<string, long> Erased,
    string StripeCustomerDeletion);

internal sealed record DeleteRequestBody(string Email);

internal sealed record DeleteConfirmBody(string Token);
