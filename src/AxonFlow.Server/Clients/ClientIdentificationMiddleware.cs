using AxonFlow.Core.Clients;
using AxonFlow.Core.Identity;

namespace AxonFlow.Server.Clients;

/// <summary>
/// After authentication: reads <c>X-Axonflow-Client</c> into a <see cref="ClientIdentification"/> feature (the scope the
/// licensing code checks), counts it, and answers a caller without the header with a one-time upgrade hint, and a client
/// below its version floor with a warning header. Nothing here ever refuses a request.
/// </summary>
internal sealed partial class ClientIdentificationMiddleware(RequestDelegate next, ClientNoticeMemory memory, ClientMetrics metrics, ILogger<ClientIdentificationMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<CallerIdentity>() is not { } caller)
        {
            return next(context);
        }

        var client = ClientHeaderParser.Parse(context.Request.Headers[ClientHeaders.Client].ToString());
        context.Features.Set(client);
        metrics.Record(client);
        if (!client.IsIdentified)
        {
            if (memory.FirstTime($"hint\u001f{caller.Org.Value}\u001f{caller.Client.Value}"))
            {
                context.Response.Headers[ClientHeaders.UpgradeHint] = ClientHeaders.UpgradeHintText;
                Log.UpgradeHint(logger, caller.Client.Value, client.IsMalformed ? "a malformed" : "no");
            }
        }
        else if (ClientFloors.IsBelowMinimum(client, out var floor))
        {
            context.Response.Headers[ClientHeaders.ClientWarning] = ClientHeaders.WarningText(client, floor);
            if (memory.FirstTime($"floor\u001f{caller.Org.Value}\u001f{caller.Client.Value}\u001f{client.HeaderValue}"))
            {
                Log.BelowFloor(logger, caller.Client.Value, client.HeaderValue!, floor.Minimum);
            }
        }

        if (memory.ReportFull())
        {
            Log.MemoryFull(logger, ClientNoticeMemory.Capacity);
        }

        return next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Client {ClientId} sent {HeaderState} X-Axonflow-Client header: it is treated as scope full; an upgraded SDK or plugin identifies itself (shown once per client)")]
        public static partial void UpgradeHint(ILogger logger, string clientId, string headerState);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Client {ClientId} runs {Client}, below the minimum supported version {Minimum} (requests still served; shown once per client and version)")]
        public static partial void BelowFloor(ILogger logger, string clientId, string client, string minimum);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Client notices: {Capacity} clients remembered; further clients get no upgrade hint from this process")]
        public static partial void MemoryFull(ILogger logger, int capacity);
    }
}

internal static class ClientIdentificationExtensions
{
    public static IServiceCollection AddClientIdentification(this IServiceCollection services) =>
        services.AddSingleton<ClientNoticeMemory>().AddSingleton<ClientMetrics>();

    public static void UseClientIdentification(this WebApplication app) => app.UseMiddleware<ClientIdentificationMiddleware>();
}
