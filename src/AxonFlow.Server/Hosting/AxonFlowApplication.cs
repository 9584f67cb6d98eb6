using AxonFlow.Server.Admin;
using AxonFlow.Server.Audit;
using AxonFlow.Server.Auth;
using AxonFlow.Server.Billing;
using AxonFlow.Server.Clients;
using AxonFlow.Server.Email;
using AxonFlow.Server.CommunitySaas.Tiers;
using AxonFlow.Server.CommunitySaas.SelfService;
using AxonFlow.Server.CommunitySaas.Registration;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Governance;
using AxonFlow.Server.Health;
using AxonFlow.Server.Identity;
using AxonFlow.Server.Nodes;
using AxonFlow.Server.Licensing;
using AxonFlow.Server.Portal;
using AxonFlow.Server.Scim;
using AxonFlow.Server.Telemetry;

namespace AxonFlow.Server.Hosting;

/// <summary>The agent's HTTP host: a table of contents of its services and surfaces.</summary>
public static class AxonFlowApplication
{
    public static WebApplication Create(AxonFlowRuntime runtime, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        BootGuards.ThrowIfRefused(runtime.Settings, platformAdminConfigured: runtime.PlatformAdminConnectionString is not null);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.AddAxonFlowHosting(runtime);
        builder.Services.AddAxonFlowData(runtime);
        builder.Services.AddAxonFlowErrors();
        builder.Services.AddAxonFlowLicensing(runtime.Settings);
        builder.Services.AddCallerAuthentication();
        builder.Services.AddClientIdentification();
        builder.Services.AddNodes(runtime.Settings);
        builder.Services.AddAxonFlowHealth();
        builder.Services.AddAxonFlowTelemetry();
        builder.Services.AddAuditTrail();
        builder.Services.AddCustomerPortal();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "AxonFlow agent API";
            document.Info.Version = Core.Platform.PlatformVersion.Version;
            return Task.CompletedTask;
        }));
        builder.Services.AddGovernance(runtime.ProviderConfiguration ?? builder.Configuration);
        builder.Services.AddAdminApi();
        builder.Services.AddBilling();
        builder.Services.AddEmailDelivery(runtime.Settings);
        builder.Services.AddCommunitySaasTiers(runtime.Settings);
        builder.Services.AddCommunitySaasSelfService(runtime.Settings);
        builder.Services.AddCommunitySaasRegistration();
        configure?.Invoke(builder);

        var app = builder.Build();

        // Resolved now so uptime counts from start-up, not from the first health check.
        _ = app.Services.GetRequiredService<HealthReporter>();
        runtime.Settings.TrustedProxies.Apply(app);
        app.UseAxonFlowErrors();
        app.UseRouting();
        app.UseCallerAuthentication();
        app.UsePortalSessions();
        app.UseScimAuthentication();
        app.UseClientIdentification();
        app.UseClientRateLimit();
        app.UseCommunitySaasTiers();
        app.UseAdminApiKey();
        app.MapHealthEndpoints();
        app.MapIdentityEndpoints();
        app.MapAuditEndpoints();
        app.MapGovernanceEndpoints();
        app.MapCustomerPortalEndpoints();
        app.MapScimEndpoints();
        app.MapMetricsEndpoint();
        app.MapAdminEndpoints();
        app.MapBillingEndpoints();
        app.MapCommunitySaasSelfService();
        app.MapCommunitySaasRegistration();

        // The committed contract (docs/openapi.json) is this document; a test keeps the two equal.
        app.MapOpenApi("/openapi/v1.json");
        return app;
    }
}
