using AxonFlow.Core.Identity;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AxonFlow.Server.Identity;

/// <summary>
/// <c>GET /api/v1/identity</c>: who the service thinks the caller is, and the organization row it can see through the org
/// scope. The quickest way for an operator or SDK user to check credentials and mode wiring.
/// </summary>
internal static class IdentityEndpoints
{
    public static void MapIdentityEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Identity").RequireCallerIdentity();
        group.MapGet("/identity", GetIdentityAsync);
    }

    private static async Task<Ok<IdentityResponse>> GetIdentityAsync(HttpContext context, OrgScope orgScope, CancellationToken cancellationToken)
    {
        var identity = context.GetCallerIdentity();
        var organization = await orgScope.RunAsync(identity.Org, ReadOrganizationAsync, cancellationToken);
        return TypedResults.Ok(new IdentityResponse(
            identity.Org.Value,
            identity.Client.Value,
            identity.Client.Value,
            identity.Mode.ToWireName(),
            identity.Authentication.ToWireName(),
            organization,
            new IdentityHeaders(context.Request.Headers["X-Org-ID"].ToString(), context.Request.Headers["X-Client-ID"].ToString())));
    }

    private static async Task<OrganizationView?> ReadOrganizationAsync(OrgScopedSession session, CancellationToken cancellationToken)
    {
        await using var command = session.CreateCommand("SELECT org_id, name, tier, status FROM organizations");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new OrganizationView(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }
}

/// <summary>The caller as resolved; <c>tenant_id</c> is the deprecated wire alias of <c>client_id</c>.</summary>
internal sealed record IdentityResponse(
    string OrgId,
    string ClientId,
    string TenantId,
    string DeploymentMode,
    string AuthenticatedBy,
    OrganizationView? Organization,
    IdentityHeaders Headers);

internal sealed record OrganizationView(string OrgId, string Name, string Tier, string Status);

/// <summary>The identity headers as handlers see them after the auth middleware overwrote them.</summary>
internal sealed record IdentityHeaders(string XOrgId, string XClientId);
