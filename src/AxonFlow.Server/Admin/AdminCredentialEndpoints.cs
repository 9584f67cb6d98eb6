using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Credentials;
using AxonFlow.Postgres.Organizations;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Server.Errors;

namespace AxonFlow.Server.Admin;

/// <summary>
/// <c>/api/v1/admin/organizations/{orgId}/credentials</c>: issue (the secret is in the 201 answer and nowhere else), list,
/// get, rotate, revoke — all in the org's scope through <see cref="CredentialIssuer"/>, the service the portal reuses.
/// </summary>
internal static class AdminCredentialEndpoints
{
    public static void MapAdminCredentialEndpoints(this RouteGroupBuilder admin)
    {
        var credentials = admin.MapGroup("/organizations/{orgId}/credentials");
        credentials.MapPost("/", IssueAsync).WithSummary("Issue a client credential; the secret is shown once")
            .Produces<IssuedCredentialResponse>(StatusCodes.Status201Created).Produces<ApiError>(StatusCodes.Status404NotFound).Produces<ApiError>(StatusCodes.Status409Conflict);
        credentials.MapGet("/", ListAsync).WithSummary("List the org's client credentials (never their secrets)")
            .Produces<CredentialListResponse>().Produces<ApiError>(StatusCodes.Status404NotFound);
        credentials.MapGet("/{clientId}", GetAsync).WithSummary("One client credential (never its secret)")
            .Produces<CredentialView>().Produces<ApiError>(StatusCodes.Status404NotFound);
        credentials.MapPost("/{clientId}/rotate", RotateAsync).WithSummary("Issue a new secret; the old ones stop at once or after grace_seconds")
            .Produces<IssuedCredentialResponse>().Produces<ApiError>(StatusCodes.Status404NotFound).Produces<ApiError>(StatusCodes.Status409Conflict);
        credentials.MapPost("/{clientId}/revoke", RevokeAsync).WithSummary("Revoke every secret of the credential")
            .Produces<RevokedCredentialResponse>().Produces<ApiError>(StatusCodes.Status404NotFound);
        credentials.MapDelete("/{clientId}", RevokeAsync).WithSummary("Revoke every secret of the credential")
            .Produces<RevokedCredentialResponse>().Produces<ApiError>(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> IssueAsync(
        HttpContext context, string orgId, IssueCredentialBody? body, OrgScope scope, OrganizationStore organizations, CredentialIssuer issuer,
        AdminActionLog actions, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!AdminResults.TryOrg(context, orgId, out var org, out var invalid))
        {
            return invalid!;
        }

        ClientId? client = null;
        if (body?.ClientId is { } requested)
        {
            if (!AdminResults.TryClient(context, requested, out var parsed, out var invalidClient))
            {
                return invalidClient!;
            }

            client = parsed;
        }

        var label = body?.Label?.Trim() ?? string.Empty;
        if ((AdminValidation.Label(label) ?? AdminValidation.ExpiresAt(body?.ExpiresAt, timeProvider.GetUtcNow())) is { } error)
        {
            return AdminResults.Invalid(context, error);
        }

        var actor = AdminActors.From(context);
        var outcome = await scope.RunAsync(org, async (session, token) =>
            await OrganizationStore.GetAsync(session, token) is null
                ? null
                : await issuer.IssueAsync(session, new CredentialRequest(client, label, body?.ExpiresAt), actor, token), cancellationToken);
        switch (outcome)
        {
            case null:
                return AdminResults.OrganizationNotFound(context);
            case CredentialIssue.Issued issued:
                actions.Record(actor, "credential.issued", org, "client:" + issued.Credential.Client.Value);
                return TypedResults.Created(
                    $"/api/v1/admin/organizations/{org.Value}/credentials/{issued.Credential.Client.Value}",
                    IssuedCredentialResponse.From(issued.Credential, label));
            default:
                return AdminResults.Conflict(context, client is null
                    ? "No free client id could be generated; retry"
                    : $"Client id '{client}' is already in use; client ids are unique across organizations");
        }
    }

    private static async Task<IResult> ListAsync(HttpContext context, string orgId, OrgScope scope, OrganizationStore organizations, CredentialIssuer issuer, CancellationToken cancellationToken)
    {
        if (!AdminResults.TryOrg(context, orgId, out var org, out var invalid))
        {
            return invalid!;
        }

        var listed = await scope.RunAsync(org, async (session, token) =>
            await OrganizationStore.GetAsync(session, token) is null ? null : await issuer.ListAsync(session, token), cancellationToken);
        return listed is null
            ? AdminResults.OrganizationNotFound(context)
            : TypedResults.Ok(new CredentialListResponse(org.Value, [.. listed.Select(CredentialView.From)]));
    }

    private static async Task<IResult> GetAsync(HttpContext context, string orgId, string clientId, OrgScope scope, CredentialIssuer issuer, CancellationToken cancellationToken)
    {
        if (!AdminResults.TryOrg(context, orgId, out var org, out var invalid) || !AdminResults.TryClient(context, clientId, out var client, out invalid))
        {
            return invalid!;
        }

        var found = await scope.RunAsync(org, (session, token) => issuer.GetAsync(session, client, token), cancellationToken);
        return found is null ? AdminResults.CredentialNotFound(context) : TypedResults.Ok(CredentialView.From(found));
    }

    private static async Task<IResult> RotateAsync(
        HttpContext context, string orgId, string clientId, RotateCredentialBody? body, OrgScope scope, CredentialIssuer issuer, AdminActionLog actions, CancellationToken cancellationToken)
    {
        if (!AdminResults.TryOrg(context, orgId, out var org, out var invalid) || !AdminResults.TryClient(context, clientId, out var client, out invalid))
        {
            return invalid!;
        }

        if (AdminValidation.GraceSeconds(body?.GraceSeconds) is { } error)
        {
            return AdminResults.Invalid(context, error);
        }

        var actor = AdminActors.From(context);
        var grace = TimeSpan.FromSeconds(body?.GraceSeconds ?? 0);
        var (outcome, label) = await scope.RunAsync(org, async (session, token) =>
        {
            var rotation = await issuer.RotateAsync(session, client, grace, actor, token);
            var summary = rotation is CredentialRotation.Rotated ? await issuer.GetAsync(session, client, token) : null;
            return (rotation, summary?.Label ?? string.Empty);
        }, cancellationToken);
        switch (outcome)
        {
            case CredentialRotation.Rotated rotated:
                actions.Record(actor, "credential.rotated", org, "client:" + client.Value);
                return TypedResults.Ok(IssuedCredentialResponse.From(rotated.Credential, label, rotated.PreviousSecretsValidUntil));
            case CredentialRotation.Revoked:
                return AdminResults.Conflict(context, $"Credential '{client}' is revoked; issue a new one");
            default:
                return AdminResults.CredentialNotFound(context);
        }
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, string orgId, string clientId, OrgScope scope, CredentialIssuer issuer, AdminActionLog actions, CancellationToken cancellationToken)
    {
        if (!AdminResults.TryOrg(context, orgId, out var org, out var invalid) || !AdminResults.TryClient(context, clientId, out var client, out invalid))
        {
            return invalid!;
        }

        var actor = AdminActors.From(context);
        var outcome = await scope.RunAsync(org, (session, token) => issuer.RevokeAsync(session, client, actor, token), cancellationToken);
        if (outcome is not CredentialRevocation.Revoked revoked)
        {
            return AdminResults.CredentialNotFound(context);
        }

        if (revoked.SecretsRevoked > 0)
        {
            actions.Record(actor, "credential.revoked", org, "client:" + client.Value);
        }

        return TypedResults.Ok(new RevokedCredentialResponse(org.Value, client.Value, CredentialStatuses.Revoked, revoked.SecretsRevoked, revoked.RevokedAt));
    }
}
