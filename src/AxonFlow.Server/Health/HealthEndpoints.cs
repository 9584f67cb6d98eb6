using Microsoft.AspNetCore.Http.HttpResults;

namespace AxonFlow.Server.Health;

/// <summary><c>/health</c> (full report), <c>/health/live</c> (the process answers) and <c>/health/ready</c> (DB reachable, schema current).</summary>
internal static class HealthEndpoints
{
    public static IServiceCollection AddAxonFlowHealth(this IServiceCollection services) => services.AddSingleton<HealthReporter>();

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health");
        health.MapGet("/", GetHealthAsync);
        health.MapGet("/live", () => TypedResults.Ok(new ReadinessResponse("alive", [])));
        health.MapGet("/ready", GetReadinessAsync);
    }

    private static async Task<JsonHttpResult<HealthResponse>> GetHealthAsync(HealthReporter reporter, CancellationToken cancellationToken)
    {
        var report = await reporter.CheckAsync(cancellationToken);
        var status = report.Status == "unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return TypedResults.Json(report, statusCode: status);
    }

    private static async Task<JsonHttpResult<ReadinessResponse>> GetReadinessAsync(HealthReporter reporter, CancellationToken cancellationToken)
    {
        var report = await reporter.CheckAsync(cancellationToken);
        var reasons = new List<string>();
        if (report.Components.Database.Status != "connected")
        {
            reasons.Add($"database {report.Components.Database.Status}");
        }
        else if (report.Components.Migrations.Status != "current")
        {
            reasons.Add($"migrations {report.Components.Migrations.Status}");
        }

        return reasons.Count == 0
            ? TypedResults.Json(new ReadinessResponse("ready", reasons))
            : TypedResults.Json(new ReadinessResponse("not_ready", reasons), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
