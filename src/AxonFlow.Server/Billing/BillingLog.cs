namespace AxonFlow.Server.Billing;

/// <summary>Billing log lines (event ids 7201-7249). Never the token, the signing secret or the customer's email.</summary>
internal static partial class BillingLog
{
    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Stripe webhook refused: source address {Address} is not in AXONFLOW_STRIPE_WEBHOOK_IP_ALLOWLIST")]
    public static partial void SourceRefused(ILogger logger, string address);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "Stripe webhook refused: signature verification failed ({Problem})")]
    public static partial void SignatureRefused(ILogger logger, string problem);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Warning, Message = "Stripe event {EventId} was rendered with API version {EventVersion}, this agent's Stripe.net expects {SdkVersion}: processed anyway (only version-stable fields are read); pin the webhook endpoint to {SdkVersion}")]
    public static partial void ApiVersionMismatch(ILogger logger, string eventId, string eventVersion, string sdkVersion);

    [LoggerMessage(EventId = 7204, Level = LogLevel.Debug, Message = "Stripe event {EventId} of type {EventType} ignored: {Detail}")]
    public static partial void Ignored(ILogger logger, string eventId, string eventType, string detail);

    [LoggerMessage(EventId = 7205, Level = LogLevel.Information, Message = "Pro license {Jti} minted for tenant {TenantId} from Checkout Session {SessionId} (expires {ExpiresAt}, email queued: {EmailQueued})")]
    public static partial void Minted(ILogger logger, string jti, string tenantId, string sessionId, DateTimeOffset expiresAt, bool emailQueued);

    [LoggerMessage(EventId = 7206, Level = LogLevel.Information, Message = "Checkout Session {SessionId} was already fulfilled (license {Jti}): returned the stored token")]
    public static partial void AlreadyFulfilled(ILogger logger, string sessionId, string jti);

    [LoggerMessage(EventId = 7207, Level = LogLevel.Warning, Message = "Checkout Session {SessionId} (event {EventId}) names no active tenant ({Problem}): nothing minted; fix the session metadata or refund the payment")]
    public static partial void UnknownTenant(ILogger logger, string sessionId, string eventId, string problem);

    [LoggerMessage(EventId = 7208, Level = LogLevel.Warning, Message = "Pro license {Jti} for tenant {TenantId} has no deliverable email address: the token is stored but not emailed")]
    public static partial void NoRecipient(ILogger logger, string jti, string tenantId);

    [LoggerMessage(EventId = 7209, Level = LogLevel.Information, Message = "Full refund of payment intent {PaymentIntentId} (event {EventId}): {Count} license(s) revoked")]
    public static partial void Revoked(ILogger logger, string paymentIntentId, string eventId, int count);

    [LoggerMessage(EventId = 7210, Level = LogLevel.Information, Message = "Full refund of payment intent {PaymentIntentId} (event {EventId}) arrived before its checkout: kept, the license will be minted revoked")]
    public static partial void RefundPending(ILogger logger, string paymentIntentId, string eventId);

    [LoggerMessage(EventId = 7211, Level = LogLevel.Warning, Message = "Revoked license {Jti} could not be added to revoked_license_tokens ({Problem}); the revoked plugin_user_licenses row still refuses it")]
    public static partial void DenylistFailed(ILogger logger, string jti, string problem);

    [LoggerMessage(EventId = 7212, Level = LogLevel.Information, Message = "Stripe event {EventId} was already processed: no change")]
    public static partial void Duplicate(ILogger logger, string eventId);

    [LoggerMessage(EventId = 7213, Level = LogLevel.Warning, Message = "Billing setting replaced by its default: {Warning}")]
    public static partial void SettingWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 7214, Level = LogLevel.Warning, Message = "Checkout Session {SessionId} is already fulfilled for another tenant: nothing minted")]
    public static partial void SessionConflict(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 7215, Level = LogLevel.Information, Message = "Stripe webhook ready at POST /api/v1/billing/stripe-webhook ({Networks} allowed source networks, {RatePerMinute}/min per source, Pro licenses valid {Days} days)")]
    public static partial void Ready(ILogger logger, int networks, int ratePerMinute, int days);

    [LoggerMessage(EventId = 7216, Level = LogLevel.Warning, Message = "STRIPE_WEBHOOK_SIGNING_SECRET is not set: POST /api/v1/billing/stripe-webhook answers 503 until it is")]
    public static partial void NotConfigured(ILogger logger);
}
