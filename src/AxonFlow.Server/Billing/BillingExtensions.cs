using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Billing;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Billing;

/// <summary>The paid Pro tier (docs/billing.md): the Stripe webhook, in Community SaaS mode only (404 elsewhere).</summary>
internal static class BillingExtensions
{
    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<AxonFlowSettings>().Billing);
        services.AddSingleton(sp => new StripeBillingStore(sp.GetRequiredService<AxonFlowDataSources>().App, sp.GetRequiredService<OrgScope>()));
        services.AddSingleton<ProLicenseMinter>();
        services.AddSingleton<LicenseDenylist>();
        services.AddSingleton<CheckoutFulfillmentHandler>();
        services.AddSingleton<RefundHandler>();
        services.AddSingleton<StripeWebhookEndpoint>();
        services.AddHostedService<BillingStartupLog>();
        return services;
    }

    public static void MapBillingEndpoints(this WebApplication app)
    {
        if (app.Services.GetRequiredService<AxonFlowSettings>().Mode != DeploymentMode.CommunitySaas)
        {
            return;
        }

        app.MapPost(StripeWebhookEndpoint.Path, (StripeWebhookEndpoint endpoint, HttpContext context, CancellationToken cancellationToken) =>
                endpoint.ProcessAsync(context, cancellationToken))
            .WithTags("Billing")
            .WithSummary("Stripe webhook: mints Pro licenses on paid checkouts and revokes them on full refunds");
    }
}
