namespace AxonFlow.Server.CommunitySaas.Tiers;

/// <summary>
/// The 429 body of an exhausted daily quota: the usual <c>{error, reason, request_id}</c> plus the tier (<c>none</c>
/// without a resolved tier), the limit, when it resets (the next UTC midnight, RFC 3339) and the seconds until then.
/// </summary>
internal sealed record QuotaExceededError(string Error, string Reason, string RequestId, string Tier, int Limit, string ResetAt, int RetryAfterSeconds);
