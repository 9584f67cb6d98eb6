using AxonFlow.Core.Clients;
using AxonFlow.Core.CommunitySaas;
using AxonFlow.Core.Identity;
using AxonFlow.Postgres.CommunitySaas.Tiers;
using AxonFlow.Postgres.OrgScoping;

namespace AxonFlow.Server.CommunitySaas.Tiers;

/// <summary>
/// Writes one <c>community_saas_request_telemetry</c> row per governed Community SaaS request after its response has
/// been sent (so the caller never waits for it): one batched round trip in the org's scope. A failed write is logged
/// and never affects the request.
/// </summary>
internal sealed partial class RequestTelemetryRecorder(
    OrgScope orgScope,
    TimeProvider timeProvider,
    IHostApplicationLifetime lifetime,
    ILogger<RequestTelemetryRecorder> logger)
{
    private const int MaxRouteLength = 300;

    public void RecordOnCompleted(HttpContext context, CallerIdentity caller, ClientIdentification client)
    {
        ArgumentNullException.ThrowIfNull(context);
        var createdAt = timeProvider.GetUtcNow();
        context.Response.OnCompleted(() => WriteAsync(context, caller, client, createdAt));
    }

    private async Task WriteAsync(HttpContext context, CallerIdentity caller, ClientIdentification client, DateTimeOffset createdAt)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "/";
        if (route.Length > MaxRouteLength)
        {
            route = route[..MaxRouteLength];
        }

        var row = new RequestTelemetryRow(
            caller.Client.Value,
            client.HeaderValue,
            route,
            context.GetCommunitySaasTier()?.Tier?.ToWireName(),
            context.Response.StatusCode,
            createdAt);
        try
        {
            await orgScope.RunBatchForEachOrgAsync([caller.Org], (org, batch) => RequestTelemetryWriter.Add(batch, org.Value, row), lifetime.ApplicationStopping);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            Log.WriteFailed(logger, ex.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Community SaaS request telemetry not written ({ErrorType})")]
        public static partial void WriteFailed(ILogger logger, string errorType);
    }
}
