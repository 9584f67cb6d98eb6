using AxonFlow.Core.Credentials;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Licensing;
using AxonFlow.Server.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AxonFlow.Server.Licensing;

internal static class LicensingExtensions
{
    /// <summary>The deployment license context, the plugin-token keys and the X-License-Token validator with its revocation checks.</summary>
    public static IServiceCollection AddAxonFlowLicensing(this IServiceCollection services, AxonFlowSettings settings)
    {
        services.AddSingleton(sp => DeploymentLicenseContext.From(settings.License, sp.GetRequiredService<CredentialHasher>()));
        // The node limit is the license's (registered before AddNodes, whose default is a TryAdd).
        services.AddSingleton(sp => new Nodes.NodeLimitOptions { MaxNodes = sp.GetRequiredService<DeploymentLicenseContext>().MaxNodes });
        services.AddSingleton(settings.PluginTokenKeys);
        services.AddSingleton(sp => new RevokedLicenseStore(sp.GetRequiredService<AxonFlowDataSources>().App));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILicenseRevocationCheck, DenylistRevocationCheck>());
        services.AddSingleton<LicenseTokenValidator>();
        services.AddHostedService<LicenseStartupLog>();
        return services;
    }
}
