using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Text.Json;
using AxonFlow.Core.Policies;
using AxonFlow.Postgres.Policies;
using AxonFlow.Server.Auth;
using AxonFlow.Server.Errors;
using Npgsql;

namespace AxonFlow.Server.Policies;

/// <summary><c>/api/v1/dynamic-policies</c>: the same verbs as static policies, over ANDed conditions and actions.</summary>
internal static class DynamicPolicyEndpoints
{
    public static void MapDynamicPolicyEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/dynamic-policies").WithTags("Dynamic policies").RequireCallerIdentity().MapDynamicPolicyRoutes();

    /// <summary>The routes on a group whose authentication provides the caller identity (Basic auth, or a portal session).</summary>
    public static RouteGroupBuilder MapDynamicPolicyRoutes(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPost("/test", Test);
        group.MapGet("/effective", EffectiveAsync);
        group.MapGet("/{policyId}", GetAsync);
        group.MapPut("/{policyId}", UpdateAsync);
        group.MapPatch("/{policyId}", (HttpContext c, string policyId, EnabledBody? b, DynamicPolicyStore s, PolicySetCache p, TimeProvider t, CancellationToken ct) =>
            b?.Enabled is { } enabled
                ? MutateAsync(c, s, p, t, policyId, enabled ? "enabled" : "disabled", "System policies cannot be disabled via API", x => x with { Enabled = enabled }, ct)
                : Task.FromResult(Invalid(c, "enabled is required")));
        group.MapDelete("/{policyId}", DeleteAsync);
        group.MapGet("/{policyId}/versions", VersionsAsync);
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext context, DynamicPolicyStore store, string? category, string? tier, bool? enabled, string? search, int? page, [FromQuery(Name = "page_size")] int? pageSize, int? limit, int? offset, CancellationToken cancellationToken)
    {
        if (!PolicyPaging.TryCreate(page, pageSize ?? limit, offset, out var resolvedPage, out var size, out var error))
        {
            return Invalid(context, error!);
        }

        var (rows, total) = await store.ListAsync(context.GetCallerIdentity().Org, new PolicyListFilter(category, tier, enabled, search, resolvedPage, size), cancellationToken);
        return TypedResults.Ok(new PolicyListResponse<DynamicPolicyView>([.. rows.Select(DynamicPolicyView.From)], PolicyPaging.Of(resolvedPage, size, total)));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, DynamicPolicyBody? body, DynamicPolicyStore store, PolicySetCache cache, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Invalid(context, "A JSON body is required");
        }

        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return Invalid(context, "name is required");
        }

        if (body.Conditions is not { ValueKind: JsonValueKind.Array } || body.Actions is not { ValueKind: JsonValueKind.Array })
        {
            return Invalid(context, "conditions and actions are required arrays");
        }

        var identity = context.GetCallerIdentity();
        var row = new DynamicPolicyRow
        {
            PolicyId = body.PolicyId ?? "dyn_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            ClientId = identity.Client.Value,
            Name = body.Name.Trim(),
            Description = body.Description ?? string.Empty,
            PolicyType = body.Type ?? "content",
            Category = body.Category ?? "dynamic-security",
            ConditionsJson = body.Conditions.Value.GetRawText(),
            ActionsJson = body.Actions.Value.GetRawText(),
            Priority = body.Priority ?? 100,
            Enabled = body.Enabled ?? true,
            Tier = body.Tier ?? "tenant",
        };
        if (Validate(row, timeProvider) is { } error)
        {
            return Invalid(context, error);
        }

        try
        {
            var created = await store.CreateAsync(identity.Org, row, identity.Client.Value, cancellationToken);
            cache.Invalidate(identity.Org);
            return TypedResults.Created($"/api/v1/dynamic-policies/{created.PolicyId}", DynamicPolicyView.From(created));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status409Conflict, $"A policy with id '{row.PolicyId}' already exists", ErrorReasons.Conflict);
        }
    }

    private static async Task<IResult> GetAsync(HttpContext context, string policyId, DynamicPolicyStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(context.GetCallerIdentity().Org, policyId, cancellationToken) is { } row
            ? TypedResults.Ok(DynamicPolicyView.From(row))
            : ApiErrorWriter.Result(context, StatusCodes.Status404NotFound, "Policy not found", ErrorReasons.NotFound);

    private static Task<IResult> UpdateAsync(HttpContext context, string policyId, DynamicPolicyBody? body, DynamicPolicyStore store, PolicySetCache cache, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Task.FromResult(Invalid(context, "A JSON body is required"));
        }

        if (body.Conditions is { ValueKind: not JsonValueKind.Array } || body.Actions is { ValueKind: not JsonValueKind.Array })
        {
            return Task.FromResult(Invalid(context, "conditions and actions must be arrays"));
        }

        return MutateAsync(context, store, cache, timeProvider, policyId, "updated", "System policies cannot be modified", p => p with
        {
            Name = body.Name?.Trim() ?? p.Name,
            Description = body.Description ?? p.Description,
            PolicyType = body.Type ?? p.PolicyType,
            Category = body.Category ?? p.Category,
            ConditionsJson = body.Conditions?.GetRawText() ?? p.ConditionsJson,
            ActionsJson = body.Actions?.GetRawText() ?? p.ActionsJson,
            Priority = body.Priority ?? p.Priority,
            Enabled = body.Enabled ?? p.Enabled,
        }, cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string policyId, DynamicPolicyStore store, PolicySetCache cache, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var result = await MutateAsync(context, store, cache, timeProvider, policyId, "deleted", "System policies cannot be deleted", p => p, cancellationToken);
        return result is Ok<DynamicPolicyView> ? TypedResults.NoContent() : result;
    }

    private static async Task<IResult> MutateAsync(
        HttpContext context, DynamicPolicyStore store, PolicySetCache cache, TimeProvider timeProvider, string policyId, string changeType, string systemMessage,
        Func<DynamicPolicyRow, DynamicPolicyRow> change, CancellationToken cancellationToken)
    {
        var identity = context.GetCallerIdentity();
        string? invalid = null;
        var mutation = await store.UpdateAsync(identity.Org, policyId, p =>
        {
            var next = change(p);
            invalid = Validate(next, timeProvider);
            return invalid is null ? next : p;
        }, changeType, identity.Client.Value, cancellationToken);
        if (invalid is not null)
        {
            return Invalid(context, invalid);
        }

        switch (mutation)
        {
            case PolicyMutation<DynamicPolicyRow>.Changed changed:
                cache.Invalidate(identity.Org);
                return TypedResults.Ok(DynamicPolicyView.From(changed.Value));
            case PolicyMutation<DynamicPolicyRow>.SystemPolicy:
                return ApiErrorWriter.Result(context, StatusCodes.Status403Forbidden, systemMessage, ErrorReasons.SystemPolicy);
            default:
                return ApiErrorWriter.Result(context, StatusCodes.Status404NotFound, "Policy not found", ErrorReasons.NotFound);
        }
    }

    private static IResult Test(HttpContext context, DynamicPolicyBody? body, string? query, TimeProvider timeProvider)
    {
        if (body?.Conditions is not { ValueKind: JsonValueKind.Array } conditions)
        {
            return Invalid(context, "conditions is a required array");
        }

        var row = new DynamicPolicyRow
        {
            PolicyId = "dyn_test",
            Name = body.Name ?? "test",
            ConditionsJson = conditions.GetRawText(),
            ActionsJson = body.Actions is { ValueKind: JsonValueKind.Array } actions ? actions.GetRawText() : """[{"type":"log"}]""",
        };
        var compilation = PolicySet.Compile([], [PolicyRowMapper.ToDefinition(row)], [], timeProvider.GetUtcNow());
        if (compilation.Errors.Count > 0)
        {
            return Invalid(context, compilation.Errors[0].Message);
        }

        var evaluation = compilation.PolicySet.EvaluateInput(PolicyInput.ForQuery(query ?? body.Description ?? string.Empty));
        return TypedResults.Ok(new { matched = evaluation.Hits.Any(h => h.PolicyId == "dyn_test"), decision = evaluation.Decision.ToString().ToLowerInvariant() });
    }

    private static async Task<IResult> EffectiveAsync(HttpContext context, PolicySetCache cache, CancellationToken cancellationToken)
    {
        var set = await cache.GetAsync(context.GetCallerIdentity().Org, cancellationToken);
        return TypedResults.Ok(new { dynamic = set.DynamicPolicies.Select(p => new { id = p.PolicyId, policy_id = p.PolicyId, name = p.Name, priority = p.Priority, enabled = p.Enabled, conditions = p.Conditions, actions = p.Actions }) });
    }

    private static async Task<IResult> VersionsAsync(HttpContext context, string policyId, DynamicPolicyStore store, CancellationToken cancellationToken)
    {
        var versions = await store.VersionsAsync(context.GetCallerIdentity().Org, policyId, cancellationToken);
        return TypedResults.Ok(new PolicyVersionsResponse(policyId, [.. versions.Select(PolicyPaging.ToView)], versions.Count));
    }

    /// <summary>A dynamic policy must compile on its own: known fields and operators, valid regexes.</summary>
    private static string? Validate(DynamicPolicyRow row, TimeProvider timeProvider)
    {
        if (!StaticPolicyValidation.IsValidId(row.PolicyId) || row.PolicyId.StartsWith("sys_", StringComparison.Ordinal))
        {
            return "policy_id must be 1-100 characters of letters, digits, '_' or '-', without the reserved sys_ prefix";
        }

        if (row.Tier is not ("tenant" or "organization"))
        {
            return row.Tier == "system" ? "Cannot create system-tier policies via API" : $"tier must be tenant or organization, but was '{row.Tier}'";
        }

        try
        {
            var compilation = PolicySet.Compile([], [PolicyRowMapper.ToDefinition(row)], [], timeProvider.GetUtcNow());
            return compilation.Errors.Count > 0 ? compilation.Errors[0].Message : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return "conditions and actions must be arrays of objects";
        }
    }

    private static IResult Invalid(HttpContext context, string message) =>
        ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, message, ErrorReasons.InvalidRequest);
}
