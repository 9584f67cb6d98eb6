using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Gateway;
using AxonFlow.Postgres.Policies;
using AxonFlow.Server.Policies;
using AxonFlow.Server.Providers;

namespace AxonFlow.Server.Governance;

/// <summary>Registers and maps the governed surfaces: proxy, gateway, MCP checks and the policy APIs.</summary>
internal static class GovernanceExtensions
{
    public static IServiceCollection AddGovernance(this IServiceCollection services, IConfiguration providerConfiguration)
    {
        services.AddLlmProviders(providerConfiguration);
        services.AddSingleton<StaticPolicyStore>();
        services.AddSingleton<DynamicPolicyStore>();
        services.AddSingleton<PolicyOverrideStore>();
        services.AddSingleton<OrgPolicyLoader>();
        services.AddSingleton(sp => new PolicyChangeListener(
            sp.GetRequiredService<AxonFlowDataSources>().App,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PolicyChangeListener>>()));
        services.AddHostedService(sp => sp.GetRequiredService<PolicyChangeListener>());
        services.AddSingleton<PolicySetCache>();
        services.AddSingleton<GatewayStore>();
        services.AddSingleton<ClientRateLimiter>();
        services.AddSingleton<GovernanceService>();
        return services;
    }

    public static void UseClientRateLimit(this WebApplication app) => app.UseMiddleware<ClientRateLimitMiddleware>();

    public static void MapGovernanceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapProxyEndpoints();
        app.MapGatewayEndpoints();
        app.MapMcpEndpoints();
        app.MapStaticPolicyEndpoints();
        app.MapDynamicPolicyEndpoints();
        app.MapOverrideEndpoints();
    }
}
