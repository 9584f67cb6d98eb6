using AxonFlow.Core.Isolation;
using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Nodes;
using AxonFlow.Server.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AxonFlow.Server.Nodes;

internal static class NodeExtensions
{
    /// <summary>
    /// Every <c>serve</c> registers and heartbeats as a node; with <c>ENABLE_NODE_MONITOR=true</c> it also runs the monitor
    /// on the platform-admin pool (the <c>[NodeMonitor]</c> guard has refused boot without one), or on the request pool in
    /// the legacy posture, where that pool bypasses RLS anyway.
    /// </summary>
    public static IServiceCollection AddNodes(this IServiceCollection services, AxonFlowSettings settings)
    {
        var monitor = settings.EnabledWorkers.Contains(AdminPoolWorker.NodeMonitor);
        services.TryAddSingleton(new NodeLimitOptions());
        services.AddSingleton(settings.Nodes);
        services.AddSingleton(_ => new ThisNode(Environment.MachineName));
        services.AddSingleton(sp => new NodeRegistry(sp.GetRequiredService<AxonFlowDataSources>().App));
        services.AddSingleton(sp => new NodeCensusReader(sp.GetRequiredService<AxonFlowDataSources>().App));
        services.AddSingleton(sp => new NodeHealthCheck(
            sp.GetRequiredService<ThisNode>(),
            sp.GetRequiredService<NodeCensusReader>(),
            settings.Nodes,
            sp.GetRequiredService<NodeLimitOptions>(),
            monitor,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<NodeHeartbeatService>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeHeartbeatService>());
        if (monitor)
        {
            services.AddSingleton(sp =>
            {
                var sources = sp.GetRequiredService<AxonFlowDataSources>();
                var pool = settings.UseAppRole || sources.PlatformAdmin is not null
                    ? sources.RequirePlatformAdmin(AdminPoolWorker.NodeMonitor.GuardPrefix())
                    : sources.App;
                return new NodeMonitorService(
                    new NodeMonitorStore(pool),
                    new NodeCensusReader(pool),
                    settings.Nodes,
                    sp.GetRequiredService<NodeLimitOptions>(),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<NodeMonitorService>>());
            });
            services.AddHostedService(sp => sp.GetRequiredService<NodeMonitorService>());
        }

        return services;
    }
}
