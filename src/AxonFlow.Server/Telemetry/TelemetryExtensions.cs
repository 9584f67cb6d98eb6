using OpenTelemetry.Metrics;

namespace AxonFlow.Server.Telemetry;

internal static class TelemetryExtensions
{
    public static IServiceCollection AddAxonFlowTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<AxonFlowMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(AxonFlowMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    public static void MapMetricsEndpoint(this WebApplication app) => app.MapPrometheusScrapingEndpoint("/metrics");
}
