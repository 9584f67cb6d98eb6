using System.Text;
using AxonFlow.Core.Credentials;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Portal;
using AxonFlow.Server.Audit;
using AxonFlow.Server.Hosting;
using AxonFlow.Server.Policies;
using AxonFlow.Server.Portal.ApiKeys;
using AxonFlow.Server.Portal.Login;
using AxonFlow.Server.Portal.ScimTokens;
using AxonFlow.Server.Portal.Sessions;
using AxonFlow.Server.Portal.Sso;
using AxonFlow.Server.Portal.Usage;
using AxonFlow.Server.Portal.Users;

namespace AxonFlow.Server.Portal;

/// <summary>
/// The customer portal (seed 002): session login under <c>/api/v1/auth</c> and the session-authenticated API under
/// <c>/api/v1/portal</c>. The governance handlers (policies, overrides, audit) are the same ones the SDK routes use,
/// mapped again behind the session: the session middleware supplies the caller identity they read.
/// </summary>
internal static class PortalExtensions
{
    public static IServiceCollection AddCustomerPortal(this IServiceCollection services)
    {
        services.AddSingleton(new PasswordHasher());
        services.AddSingleton(sp => new SecretProtector(Encoding.UTF8.GetBytes(sp.GetRequiredService<AxonFlowRuntime>().CredentialHashKey)));
        services.AddSingleton(sp => new PortalUserStore(AppPool(sp), sp.GetRequiredService<Postgres.OrgScoping.OrgScope>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new PortalSessionStore(AppPool(sp), sp.GetRequiredService<Postgres.OrgScoping.OrgScope>(), sp.GetRequiredService<CredentialHasher>()));
        services.AddSingleton(sp => new ScimTokenStore(AppPool(sp), sp.GetRequiredService<Postgres.OrgScoping.OrgScope>(), sp.GetRequiredService<CredentialHasher>()));
        services.AddSingleton<SsoSettingsStore>();
        services.AddSingleton<SsoSettingsService>();
        services.AddSingleton<LoginRateLimiter>();
        services.AddSingleton<LoginEndpoint>();
        return services;
    }

    public static void UsePortalSessions(this WebApplication app) => app.UseMiddleware<PortalSessionMiddleware>();

    public static void MapCustomerPortalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPortalAuthEndpoints();

        var portal = app.MapGroup("/api/v1/portal").WithTags("Portal").RequirePortalSession();
        portal.MapPortalUsageEndpoints();
        portal.MapPortalApiKeyEndpoints();
        portal.MapPortalUserEndpoints();
        portal.MapPortalSsoEndpoints();
        portal.MapPortalScimTokenEndpoints();
        portal.MapGroup("/policies/static").MapStaticPolicyRoutes();
        portal.MapGroup("/policies/dynamic").MapDynamicPolicyRoutes();
        portal.MapGroup("/policies/overrides").MapOverrideRoutes();
        portal.MapGroup("/audit").MapAuditReadRoutes();

        // Portal logins created by the operator live on the admin surface: AdminApiExtensions maps
        // PortalUserAdminEndpoints on its X-Admin-API-Key group.
    }

    private static Npgsql.NpgsqlDataSource AppPool(IServiceProvider services) => services.GetRequiredService<AxonFlowDataSources>().App;
}
