using AxonFlow.Postgres.Connections;
using AxonFlow.Postgres.Organizations;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Portal.Users;

namespace AxonFlow.Server.Admin;

/// <summary>
/// The admin surface under <c>/api/v1/admin</c>, guarded once on the group by <c>X-Admin-API-Key</c>. It needs both
/// <c>ADMIN_API_KEY</c> and the platform-admin pool; without the key every request gets the same 401 as a wrong key.
/// </summary>
internal static partial class AdminApiExtensions
{
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddSingleton<AdminKeyVerifier>();
        services.AddSingleton<AdminActionLog>();
        services.AddSingleton<OrganizationStore>();
        services.AddSingleton<OrganizationDirectory>();
        return services;
    }

    public static void UseAdminApiKey(this WebApplication app) => app.UseMiddleware<AdminKeyMiddleware>();

    public static void MapAdminEndpoints(this WebApplication app)
    {
        var admin = app.MapGroup("/api/v1/admin")
            .WithTags("Admin")
            .RequireAdminKey()
            .WithMetadata(
                ErrorResponse(StatusCodes.Status400BadRequest),
                ErrorResponse(StatusCodes.Status401Unauthorized),
                ErrorResponse(StatusCodes.Status503ServiceUnavailable));
        admin.MapAdminOrganizationEndpoints();
        admin.MapAdminCredentialEndpoints();
        admin.MapAdminUsageEndpoints();
        admin.MapAdminDiagnosticsEndpoints();
        admin.MapPortalUserAdminEndpoints();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AxonFlow.Server.Admin");
        var keyConfigured = app.Services.GetRequiredService<AdminKeyVerifier>().IsConfigured;
        var poolConfigured = app.Services.GetRequiredService<AxonFlowDataSources>().PlatformAdmin is not null;
        switch (keyConfigured, poolConfigured)
        {
            case (false, _):
                Log.Disabled(logger);
                break;
            case (true, false):
                Log.NoAdminPool(logger);
                break;
        }
    }

    private static ProducesResponseTypeMetadata ErrorResponse(int statusCode) => new(statusCode, typeof(ApiError), ["application/json"]);

    private static partial class Log
    {
        [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Admin API disabled: ADMIN_API_KEY is not set, so /api/v1/admin answers 401")]
        public static partial void Disabled(ILogger logger);

        [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Admin API unavailable: ADMIN_API_KEY is set but AXONFLOW_DB_PLATFORM_ADMIN_URL is not, so /api/v1/admin answers 503")]
        public static partial void NoAdminPool(ILogger logger);
    }
}
