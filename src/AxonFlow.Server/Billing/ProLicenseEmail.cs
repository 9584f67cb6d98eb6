using System.Globalization;
using AxonFlow.Core.Licensing;
using AxonFlow.Postgres.Billing;
using AxonFlow.Postgres.Email;

namespace AxonFlow.Server.Billing;

/// <summary>
/// The post-purchase message carrying the Pro token (kind <c>billing.pro_license</c>), sent from
/// <see cref="BillingSettings.FromEmail"/> (<c>AXONFLOW_BILLING_FROM_EMAIL</c>) rather than the deployment's default From.
/// </summary>
internal static class ProLicenseEmail
{
    public const string Kind = "billing.pro_license";

    public static OutboundEmail? Compose(string tenantId, StoredLicense license, string? recipient, string sender)
    {
        if (recipient is null || !System.Net.Mail.MailAddress.TryCreate(recipient, out _))
        {
            return null;
        }

        var expires = LicenseDates.Format(license.ExpiresAt);
        var body = string.Create(CultureInfo.InvariantCulture, $"""
            Thank you for buying AxonFlow Pro.

            Tenant: {tenantId}
            Valid until: {expires} (it is not renewed automatically)

            Your license token:

            {license.Token}

            Send it as the X-License-Token header with your tenant's Basic credentials on every request, for example
            by setting AXONFLOW_LICENSE_TOKEN in the AxonFlow plugin. It works only for this tenant. Keep it private.
            """);
        return new OutboundEmail(Kind, recipient, "Your AxonFlow Pro license", body, Sender: sender);
    }
}
