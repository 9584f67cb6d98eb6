using AxonFlow.Postgres.Credentials;
using AxonFlow.Postgres.Organizations;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Server.Errors;
using Microsoft.AspNetCore.Mvc;

namespace AxonFlow.Server.Admin;

/// <summary>
/// <c>/api/v1/admin/organizations</c>: create, list (the one cross-org read, on the platform-admin pool), get, suspend
/// and resume. Single-org reads and writes run in that org's scope on the app role, like every other org write.
/// </summary>
internal static class AdminOrganizationEndpoints
{
    public static void MapAdminOrganizationEndpoints(this RouteGroupBuilder admin)
    {
        var organizations = admin.MapGroup("/organizations");
        organizations.MapPost("/", CreateAsync).WithSummary("Create an organization")
            .Produces<OrganizationView>(StatusCodes.Status201Created).Produces<ApiError>(StatusCodes.Status409Conflict);
        organizations.MapGet("/", ListAsync).WithSummary("List organizations, page by page").Produces<OrganizationListResponse>();
        organizations.MapGet("/{orgId}", GetAsync).WithSummary("One organization").Produces<OrganizationView>().Produces<ApiError>(StatusCodes.Status404NotFound);
        organizations.MapPost("/{orgId}/suspend", (HttpContext c, string orgId, OrgScope s, OrganizationStore o, AdminActionLog l, CancellationToken t) =>
            SetStatusAsync(c, orgId, OrganizationStatuses.Suspended, s, o, l, t)).WithSummary("Suspend an organization: its credentials stop authenticating on the next request")
            .Produces<OrganizationView>().Produces<ApiError>(StatusCodes.Status404NotFound).Produces<ApiError>(StatusCodes.Status409Conflict);
        organizations.MapPost("/{orgId}/resume", (HttpContext c, string orgId, OrgScope s, OrganizationStore o, AdminActionLog l, CancellationToken t) =>
            SetStatusAsync(c, orgId, OrganizationStatuses.Active, s, o, l, t)).WithSummary("Resume a suspended organization")
            .Produces<OrganizationView>().Produces<ApiError>(StatusCodes.Status404NotFound).Produces<ApiError>(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CreateOrganizationBody? body, OrgScope scope, OrganizationStore store, AdminActionLog actions, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return AdminResults.Invalid(context, "A JSON body is required");
        }

        if (body.OrgId is null)
        {
            return AdminResults.Invalid(context, "org_id is required");
        }

        if (!AdminResults.TryOrg(context, body.OrgId, out var org, out var invalidOrg))
        {
            return invalidOrg!;
        }

        if ((AdminValidation.Name(body.Name) ?? AdminValidation.Tier(body.Tier)) is { } error)
        {
            return AdminResults.Invalid(context, error);
        }

        var actor = AdminActors.From(context);
        var created = await scope.RunAsync(org, (session, token) => store.CreateAsync(session, body.Name!.Trim(), body.Tier ?? AdminValidation.DefaultTier, actor, token), cancellationToken);
        if (created is null)
        {
            return AdminResults.Conflict(context, $"Organization '{org}' already exists");
        }

        actions.Record(actor, "organization.created", org, "organization:" + org.Value);
        return TypedResults.Created($"/api/v1/admin/organizations/{org.Value}", OrganizationView.From(created));
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, OrganizationDirectory directory, int? page, [FromQuery(Name = "page_size")] int? pageSize, string? status, CancellationToken cancellationToken)
    {
        if (AdminValidation.Paging(page, pageSize, status) is { } error)
        {
            return AdminResults.Invalid(context, error);
        }

        var (resolvedPage, size) = (page ?? 1, pageSize ?? 50);
        var (rows, total) = await directory.ListAsync(status, size, (resolvedPage - 1) * size, cancellationToken);
        return TypedResults.Ok(new OrganizationListResponse(
            [.. rows.Select(o => OrganizationView.From(o))],
            new OrganizationPage(resolvedPage, size, total, (total + size - 1) / size)));
    }

    private static async Task<IResult> GetAsync(HttpContext context, string orgId, OrgScope scope, OrganizationStore store, CredentialIssuer credentials, CancellationToken cancellationToken)
    {
        if (!AdminResults.TryOrg(context, orgId, out var org, out var invalid))
        {
            return invalid!;
        }

        var view = await scope.RunAsync(org, async (session, token) =>
        {
            if (await OrganizationStore.GetAsync(session, token) is not { } organization)
            {
                return null;
            }

            var issued = await credentials.ListAsync(session, token);
            return OrganizationView.From(organization, issued.Count(c => c.Status == CredentialStatuses.Active));
        }, cancellationToken);
        return view is null ? AdminResults.OrganizationNotFound(context) : TypedResults.Ok(view);
    }

    private static async Task<IResult> SetStatusAsync(
        HttpContext context, string orgId, string status, OrgScope scope, OrganizationStore store, AdminActionLog actions, CancellationToken cancellationToken)
    {
        if (!AdminResults.TryOrg(context, orgId, out var org, out var invalid))
        {
            return invalid!;
        }

        var actor = AdminActors.From(context);
        var (current, changed) = await scope.RunAsync(org, async (session, token) =>
        {
            var existing = await OrganizationStore.GetAsync(session, token);
            return existing is null || existing.Status == status || existing.Status == OrganizationStatuses.Deleted
                ? (existing, false)
                : (await store.SetStatusAsync(session, status, actor, token), true);
        }, cancellationToken);
        switch (current)
        {
            case null:
                return AdminResults.OrganizationNotFound(context);
            case { Status: OrganizationStatuses.Deleted }:
                return AdminResults.Conflict(context, $"Organization '{org}' is deleted");
        }

        if (changed)
        {
            actions.Record(actor, status == OrganizationStatuses.Suspended ? "organization.suspended" : "organization.resumed", org, "organization:" + org.Value);
        }

        return TypedResults.Ok(OrganizationView.From(current));
    }
}
