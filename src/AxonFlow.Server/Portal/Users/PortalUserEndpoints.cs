using AxonFlow.Core.Portal;
using AxonFlow.Postgres.Portal;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Portal.Sessions;

namespace AxonFlow.Server.Portal.Users;

/// <summary><c>GET /api/v1/portal/users</c>: the session org's portal users (people are added by SCIM, the admin API or the CLI).</summary>
internal static class PortalUserEndpoints
{
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapPortalUserEndpoints(this RouteGroupBuilder portal)
    {
        portal.MapGet("/users", ListAsync);
        return portal;
    }

    private static async Task<IResult> ListAsync(HttpContext context, PortalUserStore users, int? limit, int? offset, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit || offset is < 0)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, $"limit must be 1-{MaxLimit} and offset at least 0", ErrorReasons.InvalidRequest);
        }

        var (rows, total) = await users.ListAsync(context.GetPortalCaller().Org, new PortalUserFilter(), offset ?? 0, limit ?? 100, cancellationToken);
        return TypedResults.Ok(new PortalUserList([.. rows.Select(PortalUserListItem.From)], total));
    }
}

internal sealed record PortalUserList(IReadOnlyList<PortalUserListItem> Users, long Total);

internal sealed record PortalUserListItem(Guid Id, string Email, string DisplayName, string Role, bool Active, string Source, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt)
{
    public static PortalUserListItem From(PortalUser user) =>
        new(user.Id, user.Email, user.DisplayName, user.Role.ToWire(), user.Active, user.Source, user.CreatedAt, user.LastLoginAt);
}
