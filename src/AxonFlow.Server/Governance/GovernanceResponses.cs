namespace AxonFlow.Server.Governance;

/// <summary>The proxy answer the SDK fixtures show; a policy block is a 200 with <c>blocked:true</c>.</summary>
internal sealed record ProxyResponse(
    bool Success,
    bool Blocked,
    string RequestId,
    ProxyData? Data,
    string? Result,
    string? BlockReason,
    ProxyPolicyInfo PolicyInfo,
    ProxyMetadata Metadata);

internal sealed record ProxyData(string Response, string Provider, string Model, bool Redacted);

internal sealed record ProxyPolicyInfo(
    IReadOnlyList<string> PoliciesEvaluated,
    IReadOnlyList<string> StaticChecks,
    string ProcessingTime,
    string TenantId,
    double RiskScore,
    IReadOnlyList<string> Categories,
    IReadOnlyList<PolicyViolation> Violations);

internal sealed record PolicyViolation(string PolicyId, string PolicyName, string Category, string Severity, string Action);

internal sealed record ProxyMetadata(Guid AuditId, string? Provider, string? Model, int PromptTokens, int CompletionTokens, int TotalTokens, decimal? CostUsd, double LatencyMs);

internal sealed record PreCheckResponse(
    Guid ContextId,
    bool Approved,
    bool RequiresRedaction,
    IReadOnlyDictionary<string, object> ApprovedData,
    IReadOnlyList<string> Policies,
    DateTimeOffset ExpiresAt,
    string? BlockReason,
    RateLimitInfo RateLimit);

internal sealed record RateLimitInfo(int Limit, int Remaining, DateTimeOffset ResetAt);

internal sealed record McpPolicyInfo(
    int PoliciesEvaluated,
    bool Blocked,
    string? BlockReason,
    int RedactionsApplied,
    long ProcessingTimeMs,
    IReadOnlyList<McpMatchedPolicy> MatchedPolicies);

internal sealed record McpMatchedPolicy(string PolicyId, string PolicyName, string Category, string Severity, string Action);

internal sealed record McpInputResponse(
    bool Allowed,
    string? BlockReason,
    int PoliciesEvaluated,
    McpPolicyInfo PolicyInfo,
    bool Redacted,
    string? RedactedStatement,
    Guid DecisionId);

internal sealed record McpOutputResponse(
    bool Allowed,
    string? BlockReason,
    string? RedactedData,
    int PoliciesEvaluated,
    McpPolicyInfo PolicyInfo,
    McpExfiltrationInfo ExfiltrationInfo);

internal sealed record McpExfiltrationInfo(int RowsReturned, int RowLimit, int BytesReturned, int ByteLimit, bool WithinLimits);
