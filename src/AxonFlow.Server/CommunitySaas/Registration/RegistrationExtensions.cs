using AxonFlow.Core.Identity;
using AxonFlow.Postgres.CommunitySaas;
using AxonFlow.Postgres.CommunitySaas.Registration;
using AxonFlow.Postgres.Connections;
using AxonFlow.Server.Configuration;
using AxonFlow.Server.Errors;
using Microsoft.AspNetCore.Mvc;

namespace AxonFlow.Server.CommunitySaas.Registration;

/// <summary>
/// Community SaaS registration (<c>POST /api/v1/register</c>) and the services its authentication uses (the
/// per-credential minute limit, the deleted-tenant lookup). The route exists only in <c>DEPLOYMENT_MODE=community-saas</c>;
/// elsewhere the path is a plain 404. Other methods on it get 405 with <c>Allow: POST</c> from routing.
/// </summary>
internal static class RegistrationExtensions
{
    public const string Path = "/api/v1/register";

    public static IServiceCollection AddCommunitySaasRegistration(this IServiceCollection services)
    {
        services.AddSingleton<CredentialMinuteLimit>();
        services.AddSingleton(sp => new DeletedTenants(sp.GetRequiredService<AxonFlowDataSources>().App));
        services.AddSingleton<TenantRegistrar>();
        services.AddSingleton<RegistrationThrottle>();
        services.AddSingleton<RegistrationEndpoint>();
        return services;
    }

    public static void MapCommunitySaasRegistration(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<AxonFlowSettings>().Mode != DeploymentMode.CommunitySaas)
        {
            return;
        }

        app.MapPost(Path, (HttpContext context, [FromServices] RegistrationEndpoint endpoint, CancellationToken cancellationToken) => endpoint.RegisterAsync(context, cancellationToken))
            .WithTags("Community SaaS")
            .WithName("RegisterCommunitySaasTenant")
            .WithSummary("Register a Community SaaS tenant (its own organization) and receive its credential once")
            .Produces<RegistrationResponse>(StatusCodes.Status201Created)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status409Conflict)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status429TooManyRequests);
    }
}
