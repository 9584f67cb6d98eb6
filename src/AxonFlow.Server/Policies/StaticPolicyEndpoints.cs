using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using AxonFlow.Core.Policies;
using AxonFlow.Postgres.Policies;
using AxonFlow.Server.Auth;
using AxonFlow.Server.Errors;
using Npgsql;

namespace AxonFlow.Server.Policies;

/// <summary><c>/api/v1/static-policies</c>: list, create, read, update, toggle, delete, test, effective, versions, overrides.</summary>
internal static class StaticPolicyEndpoints
{
    public static void MapStaticPolicyEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/static-policies").WithTags("Static policies").RequireCallerIdentity().MapStaticPolicyRoutes();

    /// <summary>The routes on a group whose authentication provides the caller identity (Basic auth, or a portal session).</summary>
    public static RouteGroupBuilder MapStaticPolicyRoutes(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPost("/test", Test);
        group.MapGet("/effective", EffectiveAsync);
        group.MapGet("/overrides", OverrideEndpoints.ListAsync);
        group.MapGet("/{policyId}", GetAsync);
        group.MapPut("/{policyId}", UpdateAsync);
        group.MapPatch("/{policyId}", ToggleAsync);
        group.MapDelete("/{policyId}", DeleteAsync);
        group.MapGet("/{policyId}/versions", VersionsAsync);
        group.MapPost("/{policyId}/override", (HttpContext c, string policyId, OverrideBody? b, PolicyOverrideStore s, StaticPolicyStore sp, PolicySetCache p, TimeProvider t, CancellationToken ct) =>
            OverrideEndpoints.CreateAsync(c, b is null ? null : b with { PolicyId = policyId, PolicyType = "static" }, s, sp, p, t, ct));
        group.MapDelete("/{policyId}/override", OverrideEndpoints.RevokeForPolicyAsync);
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext context, StaticPolicyStore store, string? category, string? tier, bool? enabled, string? search, int? page, [FromQuery(Name = "page_size")] int? pageSize, int? limit, int? offset, CancellationToken cancellationToken)
    {
        if (!PolicyPaging.TryCreate(page, pageSize ?? limit, offset, out var resolvedPage, out var size, out var error))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, error!, ErrorReasons.InvalidRequest);
        }

        var (rows, total) = await store.ListAsync(context.GetCallerIdentity().Org, new PolicyListFilter(category, tier, enabled, search, resolvedPage, size), cancellationToken);
        return TypedResults.Ok(new PolicyListResponse<StaticPolicyView>([.. rows.Select(StaticPolicyView.From)], PolicyPaging.Of(resolvedPage, size, total)));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, StaticPolicyBody? body, StaticPolicyStore store, PolicySetCache cache, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "A JSON body is required", ErrorReasons.InvalidRequest);
        }

        if (StaticPolicyValidation.Validate(body, create: true) is { } error)
        {
            var status = error.StartsWith("Cannot create system", StringComparison.Ordinal) ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
            return ApiErrorWriter.Result(context, status, error, ErrorReasons.InvalidRequest);
        }

        var identity = context.GetCallerIdentity();
        var row = new StaticPolicyRow
        {
            PolicyId = body.PolicyId ?? "custom_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            ClientId = identity.Client.Value,
            Name = body.Name!.Trim(),
            Description = body.Description ?? string.Empty,
            Category = body.Category!,
            Pattern = body.Pattern!,
            Severity = body.Severity ?? "medium",
            Action = body.Action ?? "block",
            Tier = body.Tier ?? "tenant",
            Priority = body.Priority ?? 50,
            Enabled = body.Enabled ?? true,
            Tags = body.Tags ?? [],
        };
        try
        {
            var created = await store.CreateAsync(identity.Org, row, identity.Client.Value, cancellationToken);
            cache.Invalidate(identity.Org);
            return TypedResults.Created($"/api/v1/static-policies/{created.PolicyId}", StaticPolicyView.From(created));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status409Conflict, $"A policy with id '{row.PolicyId}' already exists", ErrorReasons.Conflict);
        }
    }

    private static async Task<IResult> GetAsync(HttpContext context, string policyId, StaticPolicyStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(context.GetCallerIdentity().Org, policyId, cancellationToken) is { } row
            ? TypedResults.Ok(StaticPolicyView.From(row))
            : ApiErrorWriter.Result(context, StatusCodes.Status404NotFound, "Policy not found", ErrorReasons.NotFound);

    private static async Task<IResult> UpdateAsync(HttpContext context, string policyId, StaticPolicyBody? body, StaticPolicyStore store, PolicySetCache cache, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "A JSON body is required", ErrorReasons.InvalidRequest);
        }

        if (StaticPolicyValidation.Validate(body with { PolicyId = null }, create: false) is { } error)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, error, ErrorReasons.InvalidRequest);
        }

        return await MutateAsync(context, store, cache, policyId, "updated", "System policies cannot be modified", p => p with
        {
            Name = body.Name?.Trim() ?? p.Name,
            Description = body.Description ?? p.Description,
            Category = body.Category ?? p.Category,
            Pattern = body.Pattern ?? p.Pattern,
            Severity = body.Severity ?? p.Severity,
            Action = body.Action ?? p.Action,
            Priority = body.Priority ?? p.Priority,
            Enabled = body.Enabled ?? p.Enabled,
            Tags = body.Tags ?? p.Tags,
        }, cancellationToken);
    }

    private static async Task<IResult> ToggleAsync(HttpContext context, string policyId, EnabledBody? body, StaticPolicyStore store, PolicySetCache cache, CancellationToken cancellationToken)
    {
        if (body?.Enabled is not { } enabled)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "enabled is required", ErrorReasons.InvalidRequest);
        }

        return await MutateAsync(context, store, cache, policyId, enabled ? "enabled" : "disabled", "System policies cannot be disabled via API; create an override instead", p => p with { Enabled = enabled }, cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string policyId, StaticPolicyStore store, PolicySetCache cache, CancellationToken cancellationToken)
    {
        var result = await MutateAsync(context, store, cache, policyId, "deleted", "System policies cannot be deleted", p => p, cancellationToken);
        return result is Ok<StaticPolicyView> ? TypedResults.NoContent() : result;
    }

    private static async Task<IResult> MutateAsync(
        HttpContext context, StaticPolicyStore store, PolicySetCache cache, string policyId, string changeType, string systemMessage,
        Func<StaticPolicyRow, StaticPolicyRow> change, CancellationToken cancellationToken)
    {
        var identity = context.GetCallerIdentity();
        var mutation = await store.UpdateAsync(identity.Org, policyId, change, changeType, identity.Client.Value, cancellationToken);
        switch (mutation)
        {
            case PolicyMutation<StaticPolicyRow>.Changed changed:
                cache.Invalidate(identity.Org);
                return TypedResults.Ok(StaticPolicyView.From(changed.Value));
            case PolicyMutation<StaticPolicyRow>.SystemPolicy:
                return ApiErrorWriter.Result(context, StatusCodes.Status403Forbidden, systemMessage, ErrorReasons.SystemPolicy);
            default:
                return ApiErrorWriter.Result(context, StatusCodes.Status404NotFound, "Policy not found", ErrorReasons.NotFound);
        }
    }

    private static IResult Test(HttpContext context, PatternTestBody? body)
    {
        if (string.IsNullOrEmpty(body?.Pattern))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "pattern is required", ErrorReasons.InvalidRequest);
        }

        var inputs = body.Inputs ?? (body.Input is null ? [] : [body.Input]);
        if (inputs.Count > 100)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "at most 100 inputs per test", ErrorReasons.InvalidRequest);
        }

        var result = PatternTester.Test(body.Pattern, inputs);
        return TypedResults.Ok(new
        {
            valid = result.IsValid,
            error = result.Error,
            pattern = body.Pattern,
            inputs,
            matches = result.Cases.Select(c => new { input = c.Input, matched = c.Matched, groups = c.Matches }),
        });
    }

    private static async Task<IResult> EffectiveAsync(HttpContext context, PolicySetCache cache, PolicyOverrideStore overrides, TimeProvider timeProvider, string? category, [FromQuery(Name = "include_disabled")] bool? includeDisabled, CancellationToken cancellationToken)
    {
        var identity = context.GetCallerIdentity();
        var set = await cache.GetAsync(identity.Org, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var active = (await overrides.ListAsync(identity.Org, cancellationToken)).Where(o => o.ExpiresAt is null || o.ExpiresAt > now).ToDictionary(o => o.PolicyId, StringComparer.Ordinal);
        var statics = set.EffectiveStaticPolicies
            .Where(p => (includeDisabled ?? false) || p.Enabled)
            .Where(p => category is null || p.Category == category)
            .Select(p => new
            {
                id = p.PolicyId,
                policy_id = p.PolicyId,
                name = p.Name,
                category = p.Category,
                tier = PolicyWireNames.ToWire(p.Tier),
                pattern = p.Pattern,
                severity = PolicyWireNames.ToWire(p.Severity),
                action = PolicyWireNames.ToWire(p.Action),
                enabled = p.Enabled,
                priority = p.Priority,
                description = p.Description,
                has_override = active.ContainsKey(p.PolicyId),
                override_action = active.GetValueOrDefault(p.PolicyId)?.ActionOverride,
                override_enabled = active.GetValueOrDefault(p.PolicyId)?.EnabledOverride,
                override_expires_at = active.GetValueOrDefault(p.PolicyId)?.ExpiresAt,
                override_reason = active.GetValueOrDefault(p.PolicyId)?.OverrideReason,
            });
        var dynamics = set.DynamicPolicies.Where(p => (includeDisabled ?? false) || p.Enabled).Select(p => new { id = p.PolicyId, policy_id = p.PolicyId, name = p.Name, priority = p.Priority, enabled = p.Enabled });
        return TypedResults.Ok(new { @static = statics, dynamic = dynamics, tenant_id = identity.Client.Value, organization_id = identity.Org.Value, computed_at = now });
    }

    private static async Task<IResult> VersionsAsync(HttpContext context, string policyId, StaticPolicyStore store, CancellationToken cancellationToken)
    {
        var versions = await store.VersionsAsync(context.GetCallerIdentity().Org, policyId, cancellationToken);
        return TypedResults.Ok(new PolicyVersionsResponse(policyId, [.. versions.Select(PolicyPaging.ToView)], versions.Count));
    }
}
