using System.Globalization;
using Stripe;

namespace AxonFlow.IntegrationTests.Billing;

/// <summary>Stripe-shaped event JSON from the files under Fixtures/, with the ids and times a test needs filled in.</summary>
internal static class StripeFixtures
{
    public static string CurrentApiVersion => StripeConfiguration.ApiVersion;

    public static string NewId(string prefix) => prefix + "_test_" + Guid.NewGuid().ToString("N");

    public static string Checkout(
        string eventId,
        string sessionId,
        string? tenant,
        DateTimeOffset created,
        string paymentIntent,
        string type = "checkout.session.completed",
        string paymentStatus = "paid",
        string customer = "cus_test_billing0001",
        string email = "ada@customer.test",
        string? clientReferenceId = null,
        string? apiVersion = null) =>
        Load("checkout.session.completed.json")
            .Replace("__EVENT_ID__", eventId, StringComparison.Ordinal)
            .Replace("__SESSION_ID__", sessionId, StringComparison.Ordinal)
            .Replace("__METADATA__", tenant is null ? string.Empty : $"\"tenant_id\": \"{tenant}\", \"plan\": \"pro\"", StringComparison.Ordinal)
            .Replace("__CLIENT_REFERENCE_ID__", clientReferenceId is null ? "null" : $"\"{clientReferenceId}\"", StringComparison.Ordinal)
            .Replace("__PAYMENT_INTENT_ID__", paymentIntent, StringComparison.Ordinal)
            .Replace("__PAYMENT_STATUS__", paymentStatus, StringComparison.Ordinal)
            .Replace("__CUSTOMER_ID__", customer, StringComparison.Ordinal)
            .Replace("__CUSTOMER_EMAIL__", email, StringComparison.Ordinal)
            .Replace("__EVENT_TYPE__", type, StringComparison.Ordinal)
            .Replace("__EXPIRES__", Unix(created.AddHours(24)), StringComparison.Ordinal)
            .Replace("__CREATED__", Unix(created), StringComparison.Ordinal)
            .Replace("__API_VERSION__", apiVersion ?? CurrentApiVersion, StringComparison.Ordinal);

    public static string Refund(string eventId, string paymentIntent, DateTimeOffset chargeCreated, DateTimeOffset refundedAt, bool full = true) =>
        Load("charge.refunded.json")
            .Replace("__EVENT_ID__", eventId, StringComparison.Ordinal)
            .Replace("__CHARGE_ID__", "ch_" + paymentIntent, StringComparison.Ordinal)
            .Replace("__PAYMENT_INTENT_ID__", paymentIntent, StringComparison.Ordinal)
            .Replace("__CUSTOMER_ID__", "cus_test_billing0001", StringComparison.Ordinal)
            .Replace("__AMOUNT_REFUNDED__", full ? "1900" : "500", StringComparison.Ordinal)
            .Replace("__REFUNDED__", full ? "true" : "false", StringComparison.Ordinal)
            .Replace("__CHARGE_CREATED__", Unix(chargeCreated), StringComparison.Ordinal)
            .Replace("__CREATED__", Unix(refundedAt), StringComparison.Ordinal)
            .Replace("__API_VERSION__", CurrentApiVersion, StringComparison.Ordinal);

    public static string Unhandled(string eventId, DateTimeOffset created) =>
        Load("customer.created.json")
            .Replace("__EVENT_ID__", eventId, StringComparison.Ordinal)
            .Replace("__CUSTOMER_ID__", "cus_test_billing0001", StringComparison.Ordinal)
            .Replace("__CREATED__", Unix(created), StringComparison.Ordinal)
            .Replace("__API_VERSION__", CurrentApiVersion, StringComparison.Ordinal);

    private static string Load(string name) => System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Billing", "Fixtures", name));

    private static string Unix(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
