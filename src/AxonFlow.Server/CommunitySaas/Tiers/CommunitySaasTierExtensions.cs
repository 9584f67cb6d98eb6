using AxonFlow.Core.Identity;
using AxonFlow.Core.Isolation;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.CommunitySaas.Tiers;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Licensing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AxonFlow.Server.CommunitySaas.Tiers;

/// <summary>
/// Community SaaS tiers, quotas, telemetry and the retention sweep. Everything is registered only when
/// <c>DEPLOYMENT_MODE=community-saas</c>; other modes are unchanged.
/// </summary>
internal static class CommunitySaasTierExtensions
{
    public static IServiceCollection AddCommunitySaasTiers(this IServiceCollection services, AxonFlowSettings settings)
    {
        if (settings.Mode != DeploymentMode.CommunitySaas)
        {
            return services;
        }

        services.AddSingleton(settings.CommunitySaasTiers);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILicenseRevocationCheck, PluginLicenseRevocationCheck>());
        services.AddSingleton<RequestTelemetryRecorder>();
        if (settings.EnabledWorkers.Contains(AdminPoolWorker.CommunitySaasSweep))
        {
            // The [CSAAS-SWEEP] guard has refused boot without the platform-admin pool.
            services.AddSingleton(sp => new RetentionSweepService(
                new RetentionSweepStore(sp.GetRequiredService<AxonFlowDataSources>().RequirePlatformAdmin(AdminPoolWorker.CommunitySaasSweep.GuardPrefix())),
                settings.CommunitySaasTiers,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<RetentionSweepService>>()));
            services.AddHostedService(sp => sp.GetRequiredService<RetentionSweepService>());
        }

        return services;
    }

    /// <summary>After authentication, client identification and the per-minute limit; before any handler.</summary>
    public static void UseCommunitySaasTiers(this WebApplication app)
    {
        if (app.Services.GetRequiredService<AxonFlowSettings>().Mode == DeploymentMode.CommunitySaas)
        {
            app.UseMiddleware<CommunitySaasTierMiddleware>();
        }
    }
}
