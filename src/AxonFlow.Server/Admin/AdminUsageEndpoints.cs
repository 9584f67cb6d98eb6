using AxonFlow.Postgres.Organizations;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Postgres.Usage;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.Admin;

/// <summary><c>GET /api/v1/admin/organizations/{orgId}/usage?from=&amp;to=</c>: requests, blocks, tokens and cost per UTC day and per client.</summary>
internal static class AdminUsageEndpoints
{
    public static void MapAdminUsageEndpoints(this RouteGroupBuilder admin) =>
        admin.MapGet("/organizations/{orgId}/usage", GetUsageAsync).WithSummary("An organization's usage per day and per client")
            .Produces<UsageResponse>().Produces<ApiError>(StatusCodes.Status404NotFound);

    private static async Task<IResult> GetUsageAsync(
        HttpContext context, string orgId, string? from, string? to, OrgScope scope, OrganizationStore organizations, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!AdminResults.TryOrg(context, orgId, out var org, out var invalid))
        {
            return invalid!;
        }

        if (!AdminValidation.TryDateRange(from, to, timeProvider.GetUtcNow(), out var start, out var end, out var error))
        {
            return AdminResults.Invalid(context, error!);
        }

        var report = await scope.RunAsync(org, async (session, token) =>
            await OrganizationStore.GetAsync(session, token) is null ? null : await UsageReader.ReadAsync(session, start, end, token), cancellationToken);
        return report is null ? AdminResults.OrganizationNotFound(context) : TypedResults.Ok(UsageResponse.Create(org.Value, report));
    }
}
