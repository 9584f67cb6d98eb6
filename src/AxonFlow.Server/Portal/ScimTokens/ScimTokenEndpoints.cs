using AxonFlow.Postgres.Portal;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Portal.Sessions;

namespace AxonFlow.Server.Portal.ScimTokens;

/// <summary>
/// <c>/api/v1/portal/scim-tokens</c> (portal admins): mint a bearer token for the identity provider's SCIM client (shown
/// once), list tokens by prefix, revoke one (effective on the next SCIM request).
/// </summary>
internal static class ScimTokenEndpoints
{
    public const int MaxLabelLength = 200;

    public static RouteGroupBuilder MapPortalScimTokenEndpoints(this RouteGroupBuilder portal)
    {
        var group = portal.MapGroup("/scim-tokens").RequirePortalAdmin();
        group.MapGet("/", ListAsync);
        group.MapPost("/", IssueAsync);
        group.MapDelete("/{id:guid}", RevokeAsync);
        return portal;
    }

    private static async Task<IResult> ListAsync(HttpContext context, ScimTokenStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var tokens = await store.ListAsync(context.GetPortalCaller().Org, cancellationToken);
        return TypedResults.Ok(new ScimTokenList([.. tokens.Select(t => ScimTokenView.From(t, now))]));
    }

    private static async Task<IResult> IssueAsync(HttpContext context, ScimTokenRequest? request, ScimTokenStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var label = request?.Label?.Trim() ?? string.Empty;
        if (label.Length > MaxLabelLength)
        {
            return Invalid(context, $"label must be at most {MaxLabelLength} characters");
        }

        if (request?.ExpiresAt is { } expires && expires <= now)
        {
            return Invalid(context, "expires_at must be in the future");
        }

        var caller = context.GetPortalCaller();
        var issued = await store.IssueAsync(caller.Org, label, caller.Client.Value, now, request?.ExpiresAt, cancellationToken);
        return TypedResults.Created(
            $"/api/v1/portal/scim-tokens/{issued.Id}",
            new IssuedScimTokenView(issued.Id, issued.Token, issued.Prefix, issued.Label, issued.CreatedAt, issued.ExpiresAt, "/scim/v2"));
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, Guid id, ScimTokenStore store, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        await store.RevokeAsync(context.GetPortalCaller().Org, id, timeProvider.GetUtcNow(), cancellationToken)
            ? TypedResults.NoContent()
            : ApiErrorWriter.Result(context, StatusCodes.Status404NotFound, "SCIM token not found", ErrorReasons.NotFound);

    private static IResult Invalid(HttpContext context, string message) =>
        ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, message, ErrorReasons.InvalidRequest);
}

internal sealed record ScimTokenRequest(string? Label, DateTimeOffset? ExpiresAt);

internal sealed record ScimTokenList(IReadOnlyList<ScimTokenView> Tokens);

internal sealed record ScimTokenView(Guid Id, string Prefix, string Label, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, bool Active)
{
    public static ScimTokenView From(ScimTokenInfo token, DateTimeOffset now) => new(
        token.Id, token.Prefix, token.Label, token.CreatedBy, token.CreatedAt, token.ExpiresAt, token.RevokedAt, token.LastUsedAt,
        token.RevokedAt is null && (token.ExpiresAt is null || token.ExpiresAt > now));
}

/// <summary>The one answer that carries the token; it is not retrievable afterwards.</summary>
internal sealed record IssuedScimTokenView(Guid Id, string Token, string Prefix, string Label, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string ScimBaseUrl)
{
    public override string ToString() => $"IssuedScimTokenView {{ Id = {Id}, Prefix = {Prefix} }}";
}
