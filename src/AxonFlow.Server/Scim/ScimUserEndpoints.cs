using System.Globalization;
using System.Text.Json.Nodes;
using AxonFlow.Core.Credentials;
using AxonFlow.Core.Scim;
using AxonFlow.Postgres.Portal;

namespace AxonFlow.Server.Scim;

/// <summary>
/// <c>/scim/v2/Users</c> (RFC 7644 §3): create, read, list with <c>filter</c> / <c>startIndex</c> / <c>count</c>, replace,
/// patch and delete. The users are portal users of the token's org; deactivating one (<c>active=false</c>) or deleting it
/// ends its sessions at once.
/// </summary>
internal static class ScimUserEndpoints
{
    public static RouteGroupBuilder MapScimUserEndpoints(this RouteGroupBuilder scim)
    {
        var users = scim.MapGroup("/Users");
        users.MapPost("/", CreateAsync);
        users.MapGet("/", ListAsync);
        users.MapGet("/{id}", GetAsync);
        users.MapPut("/{id}", ReplaceAsync);
        users.MapPatch("/{id}", PatchAsync);
        users.MapDelete("/{id}", DeleteAsync);
        return scim;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, PortalUserStore store, PasswordHasher passwords, CancellationToken cancellationToken)
    {
        var (body, error) = await ScimJson.ReadObjectAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return error!;
        }

        var state = ScimUserState.Empty();
        if (ScimUserParser.ApplyResource(body, state, passwords) is { } invalid)
        {
            return invalid;
        }

        var written = await store.CreateAsync(context.GetScimCaller().Org, state.ToDraft(PortalUserDraft.ScimSource), cancellationToken);
        return written is PortalUserWrite.Written created
            ? new ScimResult(StatusCodes.Status201Created, ScimUserResource.ToJson(created.User, context.Request), ScimUserResource.Location(context.Request, created.User.Id))
            : Refusal(written);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, PortalUserStore store, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var userId) && await store.GetAsync(context.GetScimCaller().Org, userId, cancellationToken) is { } user
            ? new ScimResult(StatusCodes.Status200OK, ScimUserResource.ToJson(user, context.Request))
            : NotFound();

    private static async Task<IResult> ListAsync(HttpContext context, PortalUserStore store, string? filter, string? startIndex, string? count, CancellationToken cancellationToken)
    {
        var userFilter = new PortalUserFilter();
        if (filter is not null)
        {
            if (!ScimFilter.TryParse(filter, out var parsed, out var problem))
            {
                return ScimResult.Error(StatusCodes.Status400BadRequest, problem, ScimErrorTypes.InvalidFilter);
            }

            userFilter = parsed.Field switch
            {
                ScimFilterField.UserName or ScimFilterField.Email => new PortalUserFilter(Email: parsed.Value),
                ScimFilterField.ExternalId => new PortalUserFilter(ExternalId: parsed.Value),
                ScimFilterField.Active => new PortalUserFilter(Active: parsed.Value == "true"),
                // A value that is not a user id matches no user.
                _ => new PortalUserFilter(Id: Guid.TryParse(parsed.Value, out var id) ? id : Guid.Empty),
            };
        }

        if (!TryInteger(startIndex, 1, out var start) || !TryInteger(count, ScimSchemas.MaxResults, out var size))
        {
            return ScimResult.Error(StatusCodes.Status400BadRequest, "startIndex and count must be integers", ScimErrorTypes.InvalidValue);
        }

        // RFC 7644 §3.4.2.4: a startIndex below 1 is 1, a negative count is 0; the page is capped at maxResults.
        start = Math.Max(1, start);
        size = Math.Clamp(size, 0, ScimSchemas.MaxResults);
        var (users, total) = await store.ListAsync(context.GetScimCaller().Org, userFilter, start - 1, size, cancellationToken);
        var resources = new JsonArray();
        foreach (var user in users)
        {
            resources.Add(ScimUserResource.ToJson(user, context.Request));
        }

        return new ScimResult(StatusCodes.Status200OK, new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
            ["totalResults"] = total,
            ["startIndex"] = start,
            ["itemsPerPage"] = users.Count,
            ["Resources"] = resources,
        });
    }

    private static async Task<IResult> ReplaceAsync(HttpContext context, string id, PortalUserStore store, PasswordHasher passwords, CancellationToken cancellationToken)
    {
        var (body, error) = await ScimJson.ReadObjectAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return error!;
        }

        return await UpdateAsync(context, id, store, (state, p) => ScimUserParser.ApplyResource(body, state, p), passwords, cancellationToken);
    }

    private static async Task<IResult> PatchAsync(HttpContext context, string id, PortalUserStore store, PasswordHasher passwords, CancellationToken cancellationToken)
    {
        var (body, error) = await ScimJson.ReadObjectAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return error!;
        }

        return await UpdateAsync(context, id, store, (state, p) => ScimUserParser.ApplyPatch(body, state, p), passwords, cancellationToken);
    }

    /// <summary>Applies a change to the stored user under its row lock; a validation error stops the write.</summary>
    private static async Task<IResult> UpdateAsync(
        HttpContext context, string id, PortalUserStore store, Func<ScimUserState, PasswordHasher, ScimResult?> apply, PasswordHasher passwords, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var userId))
        {
            return NotFound();
        }

        ScimResult? invalid = null;
        var written = await store.UpdateAsync(
            context.GetScimCaller().Org,
            userId,
            current =>
            {
                var state = ScimUserState.From(current);
                invalid = apply(state, passwords);
                return invalid is null ? state.ToDraft(current.Source) : null;
            },
            cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        return written is PortalUserWrite.Written updated
            ? new ScimResult(StatusCodes.Status200OK, ScimUserResource.ToJson(updated.User, context.Request))
            : Refusal(written);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, PortalUserStore store, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var userId) && await store.DeleteAsync(context.GetScimCaller().Org, userId, cancellationToken)
            ? TypedResults.NoContent()
            : NotFound();

    private static ScimResult Refusal(PortalUserWrite written) => written switch
    {
        PortalUserWrite.EmailTaken => ScimResult.Error(StatusCodes.Status409Conflict, "userName is already in use (logins are unique across the deployment)", ScimErrorTypes.Uniqueness),
        PortalUserWrite.ExternalIdTaken => ScimResult.Error(StatusCodes.Status409Conflict, "externalId is already in use in this organization", ScimErrorTypes.Uniqueness),
        PortalUserWrite.OrganizationMissing => ScimResult.Error(StatusCodes.Status409Conflict, "The token's organization has not been created on this deployment"),
        _ => NotFound(),
    };

    private static ScimResult NotFound() => ScimResult.Error(StatusCodes.Status404NotFound, "User not found");

    private static bool TryInteger(string? text, int fallback, out int value)
    {
        value = fallback;
        return text is null || int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
