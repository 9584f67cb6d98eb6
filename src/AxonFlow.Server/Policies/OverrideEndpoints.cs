using AxonFlow.Core.Policies;
using AxonFlow.Postgres.Policies;
using AxonFlow.Server.Auth;
using AxonFlow.Server.Errors;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace AxonFlow.Server.Policies;

/// <summary>
/// <c>/api/v1/overrides</c>: an org changes a policy's action or switches it off, with a reason and optional expiry.
/// Critical system policies cannot be overridden (403 with the reason, seed 001).
/// </summary>
internal static class OverrideEndpoints
{
    public static void MapOverrideEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/overrides").WithTags("Overrides").RequireCallerIdentity().MapOverrideRoutes();

    /// <summary>The routes on a group whose authentication provides the caller identity (Basic auth, or a portal session).</summary>
    public static RouteGroupBuilder MapOverrideRoutes(this RouteGroupBuilder group)
    {
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapDelete("/{id:guid}", RevokeAsync);
        return group;
    }

    public static async Task<IResult> CreateAsync(HttpContext context, OverrideBody? body, PolicyOverrideStore store, StaticPolicyStore policies, PolicySetCache cache, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body?.PolicyId))
        {
            return Invalid(context, "policy_id is required");
        }

        if (string.IsNullOrWhiteSpace(body.OverrideReason))
        {
            return Invalid(context, "override_reason is required");
        }

        if (body.ActionOverride is null && body.EnabledOverride is null)
        {
            return Invalid(context, "action_override or enabled_override is required");
        }

        if (body.ActionOverride is { } action && !PolicyWireNames.TryParse(action, out PolicyAction _))
        {
            return Invalid(context, $"action_override must be one of {PolicyWireNames.AllowedActions}, but was '{action}'");
        }

        // The engine applies overrides to static policies (system and org); a dynamic policy is changed, not overridden.
        var policyType = body.PolicyType ?? "static";
        if (policyType != "static")
        {
            return Invalid(context, $"policy_type must be static (dynamic policies are edited, not overridden), but was '{policyType}'");
        }

        if (body.ExpiresAt is { } expires && expires <= timeProvider.GetUtcNow())
        {
            return Invalid(context, "expires_at must be in the future");
        }

        if (SystemPolicies.IsSystemPolicy(body.PolicyId) && !SystemPolicies.IsOverridable(body.PolicyId))
        {
            return ApiErrorWriter.Result(
                context,
                StatusCodes.Status403Forbidden,
                $"Policy {body.PolicyId} is a critical system policy and cannot be overridden (authentication bypass, time-based blind and stacked SQL injection, government IDs and financial PII are always enforced)",
                ErrorReasons.NotOverridable);
        }

        var identity = context.GetCallerIdentity();
        if (await policies.GetAsync(identity.Org, body.PolicyId.Trim(), cancellationToken) is null)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status404NotFound, "Policy not found", ErrorReasons.NotFound);
        }

        try
        {
            var created = await store.CreateAsync(identity.Org, new PolicyOverrideRow
            {
                OrgId = identity.Org.Value,
                ClientId = identity.Client.Value,
                PolicyId = body.PolicyId.Trim(),
                PolicyType = policyType,
                ActionOverride = body.ActionOverride,
                EnabledOverride = body.EnabledOverride,
                OverrideReason = body.OverrideReason.Trim(),
                ExpiresAt = body.ExpiresAt,
                CreatedBy = identity.Client.Value,
            }, cancellationToken);
            cache.Invalidate(identity.Org);
            return TypedResults.Created($"/api/v1/overrides/{created.Id}", OverrideView.From(created, timeProvider.GetUtcNow()));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status409Conflict, "Override already exists for this policy", ErrorReasons.Conflict);
        }
    }

    public static async Task<IResult> ListAsync(HttpContext context, PolicyOverrideStore store, TimeProvider timeProvider, [FromQuery(Name = "include_expired")] bool? includeExpired, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var rows = await store.ListAsync(context.GetCallerIdentity().Org, cancellationToken);
        var views = rows.Select(r => OverrideView.From(r, now)).Where(v => (includeExpired ?? false) || !v.Expired).ToList();
        return TypedResults.Ok(new { overrides = views, count = views.Count });
    }

    public static async Task<IResult> RevokeAsync(HttpContext context, Guid id, PolicyOverrideStore store, PolicySetCache cache, CancellationToken cancellationToken)
    {
        var identity = context.GetCallerIdentity();
        if (await store.RevokeAsync(identity.Org, id, cancellationToken) is null)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status404NotFound, "Override not found", ErrorReasons.NotFound);
        }

        cache.Invalidate(identity.Org);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> RevokeForPolicyAsync(HttpContext context, string policyId, PolicyOverrideStore store, PolicySetCache cache, CancellationToken cancellationToken)
    {
        var identity = context.GetCallerIdentity();
        var active = (await store.ListAsync(identity.Org, cancellationToken)).FirstOrDefault(o => o.PolicyId == policyId);
        return active is null
            ? ApiErrorWriter.Result(context, StatusCodes.Status404NotFound, "Override not found", ErrorReasons.NotFound)
            : await RevokeAsync(context, active.Id, store, cache, cancellationToken);
    }

    private static IResult Invalid(HttpContext context, string message) =>
        ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, message, ErrorReasons.InvalidRequest);
}
