using AxonFlow.Postgres.Billing;
using AxonFlow.Server.Errors;
using Stripe;

namespace AxonFlow.Server.Billing;

/// <summary>
/// <c>charge.refunded</c>: a full refund within <see cref="RevocationWindow"/> of the purchase (the charge's
/// <c>created</c>; the refund time is the event's <c>created</c>) revokes what the payment intent bought. Partial
/// refunds and later refunds change nothing. A refund that comes before its checkout event is kept for it.
/// </summary>
internal sealed class RefundHandler(StripeBillingStore store, LicenseDenylist denylist, ILogger<RefundHandler> logger)
{
    public static readonly TimeSpan RevocationWindow = TimeSpan.FromDays(14);

    public async Task<IResult> HandleAsync(HttpContext context, Event stripeEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (stripeEvent.Data?.Object is not Charge charge || string.IsNullOrEmpty(charge.Id))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "Event data.object is not a Charge", ErrorReasons.InvalidRequest);
        }

        if (!charge.Refunded || charge.AmountRefunded < charge.Amount)
        {
            return Ignore(stripeEvent, "partial refund");
        }

        if (string.IsNullOrEmpty(charge.PaymentIntentId))
        {
            return Ignore(stripeEvent, "the charge has no payment intent");
        }

        var purchasedAt = Utc(charge.Created);
        var refundedAt = Utc(stripeEvent.Created);
        if (refundedAt - purchasedAt > RevocationWindow)
        {
            return Ignore(stripeEvent, "refunded more than 14 days after the purchase");
        }

        var outcome = await store.RecordRefundAsync(
            new RefundNotice(stripeEvent.Id, stripeEvent.Type, charge.Id, charge.PaymentIntentId, refundedAt, now),
            cancellationToken);
        switch (outcome)
        {
            case RefundOutcome.Revoked revoked:
                BillingLog.Revoked(logger, charge.PaymentIntentId, stripeEvent.Id, revoked.Jtis.Count);
                foreach (var jti in revoked.Jtis)
                {
                    await denylist.AddAsync(jti, cancellationToken);
                }

                return new StripeWebhookResponse("revoked") { Revoked = revoked.Jtis.Count }.ToResult();
            case RefundOutcome.Pending:
                BillingLog.RefundPending(logger, charge.PaymentIntentId, stripeEvent.Id);
                return new StripeWebhookResponse("refund_recorded") { Detail = "no license yet; it will be minted revoked" }.ToResult();
            default:
                BillingLog.Duplicate(logger, stripeEvent.Id);
                return new StripeWebhookResponse("duplicate").ToResult();
        }
    }

    private IResult Ignore(Event stripeEvent, string detail)
    {
        BillingLog.Ignored(logger, stripeEvent.Id, stripeEvent.Type, detail);
        return StripeWebhookResponse.Ignored(detail);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
