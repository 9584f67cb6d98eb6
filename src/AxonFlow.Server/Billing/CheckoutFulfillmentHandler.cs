using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Billing;
using AxonFlow.Server.Errors;
using Stripe;
using Stripe.Checkout;

namespace AxonFlow.Server.Billing;

/// <summary>
/// <c>checkout.session.completed</c> and <c>checkout.session.async_payment_succeeded</c>: a paid session mints one Pro
/// license for the tenant it names (<c>metadata.tenant_id</c>, else <c>client_reference_id</c>), stored and emailed in
/// one transaction. Every later delivery for the session answers with the stored token.
/// </summary>
internal sealed class CheckoutFulfillmentHandler(
    StripeBillingStore store,
    ProLicenseMinter minter,
    LicenseDenylist denylist,
    Configuration.AxonFlowSettings settings,
    ILogger<CheckoutFulfillmentHandler> logger)
{
    public const string TenantMetadataKey = "tenant_id";

    public async Task<IResult> HandleAsync(HttpContext context, Event stripeEvent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (stripeEvent.Data?.Object is not Session session || string.IsNullOrEmpty(session.Id))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "Event data.object is not a Checkout Session", ErrorReasons.InvalidRequest);
        }

        if (!string.Equals(session.PaymentStatus, "paid", StringComparison.Ordinal))
        {
            // An async payment method: checkout.session.async_payment_succeeded follows when the money arrives.
            BillingLog.Ignored(logger, stripeEvent.Id, stripeEvent.Type, "payment_status is not paid");
            return StripeWebhookResponse.Ignored("payment_status is not paid");
        }

        if (ResolveTenant(session) is not { } tenant)
        {
            BillingLog.UnknownTenant(logger, session.Id, stripeEvent.Id, "metadata.tenant_id / client_reference_id is missing, malformed or contradictory");
            return ApiErrorWriter.Result(context, StatusCodes.Status422UnprocessableEntity, "The Checkout Session does not name a valid tenant: set metadata.tenant_id (or client_reference_id) to the cs_… tenant id", ErrorReasons.UnknownTenant);
        }

        var request = new CheckoutFulfillment(
            stripeEvent.Id,
            stripeEvent.Type,
            session.Id,
            OrgId.Create(tenant),
            NullIfEmpty(session.PaymentIntentId),
            NullIfEmpty(session.CustomerId),
            NullIfEmpty(session.CustomerDetails?.Email) ?? NullIfEmpty(session.CustomerEmail),
            now);
        var outcome = await store.FulfillAsync(
            request,
            at => minter.Mint(request.Tenant, at),
            (license, recipient) => ProLicenseEmail.Compose(tenant, license, recipient, settings.Billing.FromEmail),
            cancellationToken);

        switch (outcome)
        {
            case FulfillmentOutcome.Minted minted:
                BillingLog.Minted(logger, minted.License.Jti, tenant, session.Id, minted.License.ExpiresAt, minted.EmailQueued);
                if (minted.License.RevokedAt is not null)
                {
                    await denylist.AddAsync(minted.License.Jti, cancellationToken);
                    return StripeWebhookResponse.ForLicense("revoked", tenant, minted.License);
                }

                if (!minted.EmailQueued)
                {
                    BillingLog.NoRecipient(logger, minted.License.Jti, tenant);
                }

                return StripeWebhookResponse.ForLicense("fulfilled", tenant, minted.License);
            case FulfillmentOutcome.Existing existing:
                BillingLog.AlreadyFulfilled(logger, session.Id, existing.License.Jti);
                return StripeWebhookResponse.ForLicense("already_fulfilled", tenant, existing.License);
            case FulfillmentOutcome.DuplicateEvent:
                BillingLog.Duplicate(logger, stripeEvent.Id);
                return new StripeWebhookResponse("duplicate").ToResult();
            case FulfillmentOutcome.SessionConflict:
                BillingLog.SessionConflict(logger, session.Id);
                return ApiErrorWriter.Result(context, StatusCodes.Status409Conflict, "This Checkout Session is already fulfilled for another tenant", ErrorReasons.Conflict);
            default:
                BillingLog.UnknownTenant(logger, session.Id, stripeEvent.Id, "no active tenant with that id");
                return ApiErrorWriter.Result(context, StatusCodes.Status422UnprocessableEntity, "The tenant named by the Checkout Session does not exist or has expired", ErrorReasons.UnknownTenant);
        }
    }

    /// <summary>metadata.tenant_id, else client_reference_id; both set and different, or not a tenant id, is none.</summary>
    internal static string? ResolveTenant(Session session)
    {
        var fromMetadata = session.Metadata is { } metadata && metadata.TryGetValue(TenantMetadataKey, out var value) ? NullIfEmpty(value) : null;
        var fromReference = NullIfEmpty(session.ClientReferenceId);
        if (fromMetadata is not null && fromReference is not null && !string.Equals(fromMetadata, fromReference, StringComparison.Ordinal))
        {
            return null;
        }

        var tenant = fromMetadata ?? fromReference;
        return CommunitySaasTenantId.IsValid(tenant) ? tenant : null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
