using AxonFlow.Core.Identity;
using AxonFlow.Postgres.Audit;
using AxonFlow.Postgres.Credentials;
using AxonFlow.Postgres.OrgScoping;
using AxonFlow.Server.Admin;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Portal.Sessions;

namespace AxonFlow.Server.Portal.ApiKeys;

/// <summary>
/// <c>/api/v1/portal/api-keys</c>: the session org's client credentials through the same <see cref="CredentialIssuer"/>
/// the admin API uses (issue with the secret shown once, list without secrets, rotate, revoke — effective on the next
/// request on every node). Members may list; issuing, rotating and revoking need the portal admin role. Changes are
/// attributed to the portal user in the audit trail.
/// </summary>
internal static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapPortalApiKeyEndpoints(this RouteGroupBuilder portal)
    {
        var keys = portal.MapGroup("/api-keys");
        keys.MapGet("/", ListAsync).WithSummary("The org's API keys (never their secrets)").Produces<CredentialListResponse>();
        keys.MapPost("/", IssueAsync).RequirePortalAdmin().WithSummary("Issue an API key; the secret is shown once")
            .Produces<IssuedCredentialResponse>(StatusCodes.Status201Created).Produces<ApiError>(StatusCodes.Status409Conflict);
        keys.MapPost("/{clientId}/rotate", RotateAsync).RequirePortalAdmin().WithSummary("A new secret; the old ones stop at once or after grace_seconds")
            .Produces<IssuedCredentialResponse>().Produces<ApiError>(StatusCodes.Status404NotFound).Produces<ApiError>(StatusCodes.Status409Conflict);
        keys.MapDelete("/{clientId}", RevokeAsync).RequirePortalAdmin().WithSummary("Revoke every secret of the key")
            .Produces<RevokedCredentialResponse>().Produces<ApiError>(StatusCodes.Status404NotFound);
        return portal;
    }

    private static async Task<IResult> ListAsync(HttpContext context, OrgScope scope, CredentialIssuer issuer, CancellationToken cancellationToken)
    {
        var org = context.GetPortalCaller().Org;
        var listed = await scope.RunAsync(org, issuer.ListAsync, cancellationToken);
        return TypedResults.Ok(new CredentialListResponse(org.Value, [.. listed.Select(CredentialView.From)]));
    }

    private static async Task<IResult> IssueAsync(HttpContext context, IssueCredentialBody? body, OrgScope scope, CredentialIssuer issuer, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
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

        var org = context.GetPortalCaller().Org;
        var outcome = await scope.RunAsync(org, (session, token) => issuer.IssueAsync(session, new CredentialRequest(client, label, body?.ExpiresAt), Actor(context), token), cancellationToken);
        return outcome is CredentialIssue.Issued issued
            ? TypedResults.Created($"/api/v1/portal/api-keys/{issued.Credential.Client.Value}", IssuedCredentialResponse.From(issued.Credential, label))
            : AdminResults.Conflict(context, client is null
                ? "No free client id could be generated; retry"
                : $"Client id '{client}' is already in use; client ids are unique across organizations");
    }

    private static async Task<IResult> RotateAsync(HttpContext context, string clientId, RotateCredentialBody? body, OrgScope scope, CredentialIssuer issuer, CancellationToken cancellationToken)
    {
        if (!AdminResults.TryClient(context, clientId, out var client, out var invalid))
        {
            return invalid!;
        }

        if (AdminValidation.GraceSeconds(body?.GraceSeconds) is { } error)
        {
            return AdminResults.Invalid(context, error);
        }

        var grace = TimeSpan.FromSeconds(body?.GraceSeconds ?? 0);
        var (outcome, label) = await scope.RunAsync(context.GetPortalCaller().Org, async (session, token) =>
        {
            var rotation = await issuer.RotateAsync(session, client, grace, Actor(context), token);
            var summary = rotation is CredentialRotation.Rotated ? await issuer.GetAsync(session, client, token) : null;
            return (rotation, summary?.Label ?? string.Empty);
        }, cancellationToken);
        return outcome switch
        {
            CredentialRotation.Rotated rotated => TypedResults.Ok(IssuedCredentialResponse.From(rotated.Credential, label, rotated.PreviousSecretsValidUntil)),
            CredentialRotation.Revoked => AdminResults.Conflict(context, $"API key '{client}' is revoked; issue a new one"),
            _ => AdminResults.CredentialNotFound(context),
        };
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, string clientId, OrgScope scope, CredentialIssuer issuer, CancellationToken cancellationToken)
    {
        if (!AdminResults.TryClient(context, clientId, out var client, out var invalid))
        {
            return invalid!;
        }

        var org = context.GetPortalCaller().Org;
        var outcome = await scope.RunAsync(org, (session, token) => issuer.RevokeAsync(session, client, Actor(context), token), cancellationToken);
        return outcome is CredentialRevocation.Revoked revoked
            ? TypedResults.Ok(new RevokedCredentialResponse(org.Value, client.Value, CredentialStatuses.Revoked, revoked.SecretsRevoked, revoked.RevokedAt))
            : AdminResults.CredentialNotFound(context);
    }

    /// <summary>The portal user behind a change, as the credential audit records it.</summary>
    private static AuditActor Actor(HttpContext context) =>
        new("portal_user", context.GetPortalCaller().Client.Value)
        {
            RequestId = context.TraceIdentifier,
            RemoteAddress = Networking.ClientAddress.Of(context),
        };
}
