using System.Text.Json;
using AxonFlow.Core.Credentials;
using AxonFlow.Postgres.Audit;
using AxonFlow.Postgres.Gateway;
using AxonFlow.Server.Auth;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Providers;

namespace AxonFlow.Server.Governance;

/// <summary>
/// Gateway mode: the caller asks before its own LLM call (<c>/api/policy/pre-check</c>) and reports the call afterwards
/// (<c>/api/audit/llm-call</c>), which must reference an unexpired context of its own.
/// </summary>
internal static class GatewayEndpoints
{
    public static readonly TimeSpan ContextLifetime = TimeSpan.FromMinutes(5);

    public static void MapGatewayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/policy/pre-check", PreCheckAsync).WithTags("Gateway").RequireCallerIdentity();
        app.MapPost("/api/audit/llm-call", AuditLlmCallAsync).WithTags("Gateway").RequireCallerIdentity();
    }

    private static async Task<IResult> PreCheckAsync(
        HttpContext context,
        PreCheckBody? body,
        GovernanceService governance,
        GatewayStore store,
        Fingerprinter fingerprinter,
        ClientRateLimiter rateLimiter,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (body?.Query is null)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "query is required", ErrorReasons.InvalidRequest);
        }

        if (!GovernanceMapping.TryResolveClient(context.GetCallerIdentity(), body.ClientId, out var identity))
        {
            return GovernanceMapping.ClientMismatch(context);
        }

        var rate = rateLimiter.Peek(identity);
        var request = new GovernedRequest
        {
            Identity = identity,
            RequestId = context.TraceIdentifier,
            Query = body.Query,
            RequestType = "pre-check",
            UserId = body.UserId,
            User = GovernanceMapping.User(body.UserId),
            Context = GovernanceMapping.Flatten(body.Context),
            ClientHeader = GovernanceMapping.ClientHeader(context),
        };
        var checkedOutcome = await governance.CheckAsync(request, null, cancellationToken);
        var evaluation = checkedOutcome.Input;
        var expiresAt = timeProvider.GetUtcNow().Add(ContextLifetime);
        var contextId = Guid.CreateVersion7();
        await store.CreateContextAsync(new GatewayContext
        {
            ContextId = contextId,
            Org = identity.Org,
            Client = identity.Client,
            UserId = body.UserId,
            UserTokenHash = body.UserToken is null ? null : fingerprinter.Of(body.UserToken),
            QueryHash = fingerprinter.Of(body.Query),
            DataSources = body.DataSources ?? [],
            PoliciesEvaluated = evaluation.PolicyIds,
            Approved = !evaluation.IsBlocked,
            RequiresRedaction = evaluation.RedactedText is not null,
            BlockReason = evaluation.BlockReason,
            ExpiresAt = expiresAt,
        }, cancellationToken);

        return TypedResults.Ok(new PreCheckResponse(
            contextId,
            !evaluation.IsBlocked,
            evaluation.RedactedText is not null,
            evaluation.RedactedText is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["query"] = evaluation.RedactedText },
            evaluation.PolicyIds,
            expiresAt,
            evaluation.BlockReason,
            new RateLimitInfo(rate.Limit, rate.Remaining, rate.ResetAt)));
    }

    private static async Task<IResult> AuditLlmCallAsync(HttpContext context, LlmCallBody? body, GatewayStore store, AuditWriter audit, ProviderSettings providers, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(body?.ContextId, out var contextId))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "Invalid or expired context", ErrorReasons.InvalidContext);
        }

        if (string.IsNullOrWhiteSpace(body.Provider) || string.IsNullOrWhiteSpace(body.Model))
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "provider and model are required", ErrorReasons.InvalidRequest);
        }

        if (body.TokenUsage is { PromptTokens: < 0 } or { CompletionTokens: < 0 } or { TotalTokens: < 0 } || body.LatencyMs < 0)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "token counts and latency_ms must not be negative", ErrorReasons.InvalidRequest);
        }

        if (!GovernanceMapping.TryResolveClient(context.GetCallerIdentity(), body.ClientId, out var identity))
        {
            return GovernanceMapping.ClientMismatch(context);
        }

        var prompt = body.TokenUsage?.PromptTokens ?? 0;
        var completion = body.TokenUsage?.CompletionTokens ?? 0;
        // Callers rarely report cost; the price table (overridable with AXONFLOW_PRICING_CONFIG) fills it in.
        var cost = body.EstimatedCostUsd ?? providers.Prices.Find(body.Provider.Trim(), body.Provider.Trim(), body.Model.Trim()).Cost(prompt, completion);
        var metadata = body.Metadata is { ValueKind: JsonValueKind.Object } m ? m.GetRawText() : "{}";
        var auditId = await store.AuditLlmCallAsync(
            identity.Org,
            identity.Client,
            new LlmCallAudit(contextId, body.Provider.Trim(), body.Model.Trim(), prompt, completion, body.TokenUsage?.TotalTokens ?? prompt + completion, body.LatencyMs ?? 0, cost, metadata),
            timeProvider.GetUtcNow(),
            cancellationToken);
        if (auditId is null)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "Invalid or expired context", ErrorReasons.InvalidContext);
        }

        // The same call also joins the searchable trail beside proxy requests (llm_call_audits keeps the gateway detail).
        await audit.WriteAsync(new AuditRecord
        {
            AuditId = auditId.Value,
            Org = identity.Org,
            Client = identity.Client,
            RequestId = context.TraceIdentifier,
            Timestamp = timeProvider.GetUtcNow(),
            RequestType = "llm-call",
            Decision = "allowed",
            Provider = body.Provider.Trim(),
            Model = body.Model.Trim(),
            PromptTokens = prompt,
            CompletionTokens = completion,
            CostUsd = cost,
            LatencyMs = body.LatencyMs ?? 0,
            ClientHeader = GovernanceMapping.ClientHeader(context),
            Details = JsonSerializer.Serialize(new Dictionary<string, string> { ["context_id"] = contextId.ToString() }),
        }, cancellationToken);
        return TypedResults.Ok(new { success = true, audit_id = auditId.Value });
    }
}
