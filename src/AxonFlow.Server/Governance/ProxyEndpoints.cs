using System.Globalization;
using AxonFlow.Server.Auth;
using AxonFlow.Server.Errors;
using AxonFlow.Server.Providers;

namespace AxonFlow.Server.Governance;

/// <summary>Proxy mode: <c>POST /api/request</c> and the seed-000 smoke path <c>POST /api/v1/process</c>.</summary>
internal static class ProxyEndpoints
{
    private static readonly HashSet<string> LlmRequestTypes = new(StringComparer.Ordinal) { "chat", "llm_chat", "completion", "sql", "query" };

    public static void MapProxyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/request", ProcessAsync).WithTags("Proxy").RequireCallerIdentity();
        app.MapPost("/api/v1/process", ProcessAsync).WithTags("Proxy").RequireCallerIdentity();
    }

    private static async Task<IResult> ProcessAsync(HttpContext context, ProxyRequestBody? body, GovernanceService governance, CancellationToken cancellationToken)
    {
        if (body?.Query is null)
        {
            return ApiErrorWriter.Result(context, StatusCodes.Status400BadRequest, "query is required", ErrorReasons.InvalidRequest);
        }

        if (!GovernanceMapping.TryResolveClient(context.GetCallerIdentity(), body.ClientId, out var identity))
        {
            return GovernanceMapping.ClientMismatch(context);
        }

        var requestType = string.IsNullOrWhiteSpace(body.RequestType) ? "chat" : body.RequestType.Trim();
        var flattened = GovernanceMapping.Flatten(body.Context);
        var request = new GovernedRequest
        {
            Identity = identity,
            RequestId = context.TraceIdentifier,
            Query = body.Query,
            RequestType = requestType,
            UserId = body.UserId,
            User = GovernanceMapping.User(body.UserId),
            Context = flattened,
            Provider = flattened.GetValueOrDefault("provider") is { } provider && provider != "unknown" ? provider : null,
            Model = flattened.GetValueOrDefault("model") is { } model && model != "unknown" ? model : null,
            MaxTokens = int.TryParse(flattened.GetValueOrDefault("max_tokens"), NumberStyles.None, CultureInfo.InvariantCulture, out var maxTokens) && maxTokens > 0 ? maxTokens : null,
            Temperature = double.TryParse(flattened.GetValueOrDefault("temperature"), NumberStyles.Float, CultureInfo.InvariantCulture, out var temperature) && temperature is >= 0 and <= 2 ? temperature : null,
            ClientHeader = GovernanceMapping.ClientHeader(context),
        };

        if (!LlmRequestTypes.Contains(requestType))
        {
            // Non-LLM request types (connectors, planning) are not served by this build; still never past a policy block.
            var check = await governance.CheckAsync(request, $"request_type '{requestType}' is not supported by this build", cancellationToken);
            if (check.Input.IsBlocked)
            {
                return TypedResults.Ok(Blocked(identity.Client.Value, context.TraceIdentifier, check));
            }

            return ApiErrorWriter.Result(context, StatusCodes.Status501NotImplemented, $"request_type '{requestType}' is not supported by this AxonFlow build", ErrorReasons.NotImplemented);
        }

        var outcome = await governance.ProcessAsync(request, cancellationToken);
        return outcome switch
        {
            GovernedOutcome.Blocked blocked => TypedResults.Ok(Blocked(identity.Client.Value, context.TraceIdentifier, blocked)),
            GovernedOutcome.Answered answered => TypedResults.Ok(new ProxyResponse(
                true,
                false,
                context.TraceIdentifier,
                new ProxyData(answered.Content, answered.Completion.Provider, answered.Completion.Model, answered.Output.RedactedText is not null || answered.Input.RedactedText is not null),
                answered.Content,
                null,
                PolicyInfo(identity.Client.Value, answered, answered.Input.Hits.Concat(answered.Output.Hits).ToList()),
                new ProxyMetadata(answered.AuditId, answered.Completion.Provider, answered.Completion.Model, answered.Completion.PromptTokens, answered.Completion.CompletionTokens, answered.Completion.TotalTokens, answered.Completion.CostUsd, answered.Completion.Latency.TotalMilliseconds))),
            GovernedOutcome.ProviderFailed failed => ProviderError(context, failed.Failure),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
        };
    }

    private static ProxyResponse Blocked(string tenant, string requestId, GovernedOutcome outcome) => new(
        true,
        true,
        requestId,
        null,
        null,
        outcome.Input.BlockReason,
        PolicyInfo(tenant, outcome, outcome.Input.Hits),
        new ProxyMetadata(outcome.AuditId, null, null, 0, 0, 0, null, 0));

    private static ProxyPolicyInfo PolicyInfo(string tenant, GovernedOutcome outcome, IReadOnlyList<Core.Policies.PolicyHit> hits) => new(
        [.. hits.Select(h => h.PolicyId).Distinct(StringComparer.Ordinal)],
        outcome.StaticChecks,
        GovernanceMapping.ProcessingTime(outcome.Elapsed),
        tenant,
        outcome.Input.RiskScore,
        [.. hits.Select(h => h.Category).Distinct(StringComparer.Ordinal)],
        GovernanceMapping.Violations(hits));

    /// <summary>Upstream timeout → 504, any other provider failure → 502; a client that left gets nothing.</summary>
    internal static IResult ProviderError(HttpContext context, LlmResult.Failure failure) => failure.Kind switch
    {
        LlmFailureKind.Timeout => ApiErrorWriter.Result(context, StatusCodes.Status504GatewayTimeout, $"LLM provider timed out: {failure.Message}", ErrorReasons.UpstreamTimeout),
        LlmFailureKind.ClientAborted => TypedResults.Empty,
        _ => ApiErrorWriter.Result(context, StatusCodes.Status502BadGateway, $"LLM provider failed: {failure.Message}", ErrorReasons.UpstreamError),
    };
}
