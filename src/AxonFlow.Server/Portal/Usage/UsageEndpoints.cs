using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Postgres.Usage;
using AxonFlow.Server.Admin;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Portal.Sessions;

namespace AxonFlow.Server.Portal.Usage;

/// <summary>
/// <c>GET /api/v1/portal/usage?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c>: requests, blocks, tokens and cost per UTC day and per
/// client for the session's org. The same reader, validation and answer as the admin API's usage endpoint, scoped to the
/// session instead of an org in the path. The default range is the 30 days ending today.
/// </summary>
internal static class UsageEndpoints
{
    public static RouteGroupBuilder MapPortalUsageEndpoints(this RouteGroupBuilder portal)
    {
        portal.MapGet("/usage", GetAsync).WithSummary("The session org's usage per day and per client")
            .Produces<UsageResponse>().Produces<ApiError>(StatusCodes.Status400BadRequest);
        return portal;
    }

    private static async Task<IResult> GetAsync(HttpContext context, OrgScope scope, TimeProvider timeProvider, string? from, string? to, CancellationToken cancellationToken)
    {
        if (!AdminValidation.TryDateRange(from, to, timeProvider.GetUtcNow(), out var start, out var end, out var error))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, error!, ErrorReasons.InvalidRequest);
        }

        var org = context.GetPortalCaller().Org;
        var report = await scope.RunAsync(org, (session, token) => UsageReader.ReadAsync(session, start, end, token), cancellationToken);
        return TypedResults.Ok(UsageResponse.Create(org.Value, report));
    }
}
