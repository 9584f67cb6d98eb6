using System.Globalization;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Networking;
using AxonFlow.Server.RateLimiting;
using Stripe;

namespace AxonFlow.Server.Billing;

/// <summary>
/// <c>POST /api/v1/billing/stripe-webhook</c>. In order: source address in the allow-list (403), per-address rate
/// (429), configured (503), body at most 64 KiB (413), <c>Stripe-Signature</c> verified by Stripe.net over the raw body
/// within 300 s of this host's clock (400, nothing written), then the event. Unknown event types are a 200 no-op.
/// </summary>
/// <remarks>
/// API version: the event is accepted whatever <c>api_version</c> rendered it (Stripe.net would otherwise throw on a
/// release-train mismatch, and Stripe would retry a paid checkout for three days in vain); a mismatch is logged as a
/// warning. Only fields stable across versions are read (ids, metadata, payment_status, amounts, created).
/// </remarks>
internal sealed class StripeWebhookEndpoint(
    AxonFlowSettings settings,
    ProLicenseMinter minter,
    CheckoutFulfillmentHandler checkouts,
    RefundHandler refunds,
    TimeProvider timeProvider,
    ILogger<StripeWebhookEndpoint> logger)
{
    public const string Path = "/api/v1/billing/stripe-webhook";

    public const string SignatureHeader = "Stripe-Signature";

    public const long ToleranceSeconds = 300;

    private readonly FixedWindowLimiter _limiter = new(settings.Billing.RatePerMinute, TimeSpan.FromMinutes(1), timeProvider);

    private BillingSettings Billing => settings.Billing;

    public async Task<IResult> ProcessAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var address = ClientAddress.Of(context);
        if (!Billing.AllowList.Allows(address))
        {
            BillingLog.SourceRefused(logger, address);
            return ApiErrorWriter.Result(context, StatusCodes.Status403Forbidden, "This address may not deliver Stripe webhooks (AXONFLOW_STRIPE_WEBHOOK_IP_ALLOWLIST)", ErrorReasons.SourceNotAllowed);
        }

        var decision = _limiter.TryAcquire(address);
        if (!decision.Allowed)
        {
            context.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return ApiErrorWriter.Result(context, StatusCodes.Status429TooManyRequests, $"Too many webhook deliveries: at most {Billing.RatePerMinute} per minute per source", ErrorReasons.RateLimited);
        }

        if (Billing.WebhookSigningSecret is not { } secret || !minter.CanMint)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status503ServiceUnavailable, "The Stripe webhook is not configured on this agent (STRIPE_WEBHOOK_SIGNING_SECRET)", ErrorReasons.BillingNotConfigured);
        }

        var body = await StripeWebhookBody.ReadAsync(context.Request, cancellationToken);
        if (body.Oversize)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status413PayloadTooLarge, $"Webhook body is larger than {StripeWebhookBody.MaxBytes} bytes", ErrorReasons.PayloadTooLarge);
        }

        if (body.Text is not { } json)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "Webhook body is not UTF-8 text", ErrorReasons.InvalidJson);
        }

        var signatures = context.Request.Headers[SignatureHeader];
        if (signatures.Count != 1 || string.IsNullOrWhiteSpace(signatures[0]))
        {
            return SignatureRefused(context, signatures.Count > 1 ? "more than one Stripe-Signature header" : "no Stripe-Signature header");
        }

        var now = timeProvider.GetUtcNow();
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, signatures[0], secret, ToleranceSeconds, now.ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            return SignatureRefused(context, "no v1 signature matches the body and secret within the tolerance, or the header is malformed");
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or Newtonsoft.Json.JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            // The signature matched (it is checked first), so this is Stripe's body in a shape Stripe.net cannot read.
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "Webhook body is not a valid Stripe event (JSON)", ErrorReasons.InvalidJson);
        }

        if (string.IsNullOrEmpty(stripeEvent.Id) || string.IsNullOrEmpty(stripeEvent.Type))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "Webhook body is not a Stripe event: id and type are required", ErrorReasons.InvalidJson);
        }

        if (!string.Equals(stripeEvent.ApiVersion, StripeConfiguration.ApiVersion, StringComparison.Ordinal))
        {
            BillingLog.ApiVersionMismatch(logger, stripeEvent.Id, stripeEvent.ApiVersion ?? "(none)", StripeConfiguration.ApiVersion);
        }

        switch (stripeEvent.Type)
        {
            case EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded:
                return await checkouts.HandleAsync(context, stripeEvent, now, cancellationToken);
            case EventTypes.ChargeRefunded:
                return await refunds.HandleAsync(context, stripeEvent, now, cancellationToken);
            default:
                BillingLog.Ignored(logger, stripeEvent.Id, stripeEvent.Type, "not an event this agent handles");
                return StripeWebhookResponse.Ignored("event type not handled");
        }
    }

    private IResult SignatureRefused(HttpContext context, string problem)
    {
        BillingLog.SignatureRefused(logger, problem);
        return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "Stripe-Signature verification failed: " + problem, ErrorReasons.InvalidSignature);
    }
}
