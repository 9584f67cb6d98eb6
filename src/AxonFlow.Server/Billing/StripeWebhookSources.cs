namespace AxonFlow.Server.Billing;

/// <summary>The default <c>AXONFLOW_STRIPE_WEBHOOK_IP_ALLOWLIST</c>: the addresses Stripe sends webhooks from.</summary>
internal static class StripeWebhookSources
{
    // Stripe's published webhook source addresses: "Webhook notifications" on https://docs.stripe.com/ips
    // (machine-readable: https://stripe.com/files/ips/ips_webhooks.txt), as listed in 2026. Stripe announces changes on
    // its api-announce list seven days ahead; operators override the list with the variable (docs/billing.md).
    public const string DefaultAllowList =
        "3.18.12.63, 3.69.109.8, 3.120.168.93, 3.130.192.231, 13.235.14.237, 13.235.122.149, 18.211.135.69, 35.154.171.200, " +
        "35.157.207.129, 52.15.183.38, 54.88.130.119, 54.88.130.237, 54.187.174.169, 54.187.205.235, 54.187.216.72";
}
