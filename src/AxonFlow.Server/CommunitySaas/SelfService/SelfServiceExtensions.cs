using System.Text;
using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.Core.Isolation;
using AxonFlow.Postgres.CommunitySaas;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Server.CommunitySaas.Erasure;
using AxonFlow.Server.CommunitySaas.Recovery;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Hosting;

namespace AxonFlow.Server.CommunitySaas.SelfService;

/// <summary>
/// Credential recovery and GDPR erasure. Both exist only in community-saas mode with their worker flag on
/// (<c>COMMUNITY_SAAS_RECOVERY_ENABLED</c>, <c>COMMUNITY_SAAS_DELETE_ENABLED</c>, on by default in that mode and behind
/// the platform-admin boot guard); otherwise their routes answer 404. The routes are always mapped so the OpenAPI
/// document describes them in every mode; a group filter refuses them before any handler work when switched off.
/// </summary>
internal static class SelfServiceExtensions
{
    public static IServiceCollection AddCommunitySaasSelfService(this IServiceCollection services, AxonFlowSettings settings)
    {
        services.AddSingleton<SelfServiceLimits>();
        services.AddSingleton<SelfServiceQueue>();
        if (RecoveryEnabled(settings) || ErasureEnabled(settings))
        {
            services.AddHostedService<SelfServiceWorker>();
        }

        services.AddSingleton(sp => new RecoverableTenants(sp.GetRequiredService<AxonFlowDataSources>().App));
        services.AddSingleton(sp => new RecoveryTokenStore(
            sp.GetRequiredService<AxonFlowDataSources>().App,
            Hasher(sp, settings.SelfService.RecoveryTokenPepper, SplitTokenKind.Recovery)));
        services.AddSingleton(sp => new DeleteTokenStore(Hasher(sp, settings.SelfService.TenantDeleteTokenPepper, SplitTokenKind.TenantDelete)));
        services.AddSingleton(sp => new TenantEraser(
            sp.GetRequiredService<OrgScope>(),
            sp.GetRequiredService<DeleteTokenStore>(),
            sp.GetRequiredService<CommunitySaasDigests>()));
        services.AddSingleton<RecoveryMailer>();
        services.AddSingleton<RecoveryConsumer>();
        services.AddSingleton<DeleteRequestMailer>();
        services.AddSingleton<StripeCustomerDeleter>();
        return services;
    }

    public static void MapCommunitySaasSelfService(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<AxonFlowSettings>();
        app.MapRecoveryEndpoints().AddEndpointFilter(OnlyWhen(RecoveryEnabled(settings)));
        app.MapErasureEndpoints().AddEndpointFilter(OnlyWhen(ErasureEnabled(settings)));
    }

    /// <summary>A switched-off surface answers exactly like an unknown route.</summary>
    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> OnlyWhen(bool enabled) =>
        (context, next) => enabled
            ? next(context)
            : ValueTask.FromResult<object?>(ApiErrorWriter.Result(context.HttpContext, StatusCodes.Status404NotFound, "Not found", ErrorReasons.NotFound));

    private static bool RecoveryEnabled(AxonFlowSettings settings) =>
        settings.Mode == DeploymentMode.CommunitySaas && settings.EnabledWorkers.Contains(AdminPoolWorker.CommunitySaasRecovery);

    private static bool ErasureEnabled(AxonFlowSettings settings) =>
        settings.Mode == DeploymentMode.CommunitySaas && settings.EnabledWorkers.Contains(AdminPoolWorker.CommunitySaasDelete);

    /// <summary>The configured pepper, or one derived from the credential hash key for this token kind only.</summary>
    private static SplitTokenHasher Hasher(IServiceProvider services, string? pepper, SplitTokenKind kind) =>
        new(pepper is not null
            ? Encoding.UTF8.GetBytes(pepper)
            : SplitTokenHasher.DerivePepper(Encoding.UTF8.GetBytes(services.GetRequiredService<AxonFlowRuntime>().CredentialHashKey), SplitTokenHasher.WireName(kind)));
}
