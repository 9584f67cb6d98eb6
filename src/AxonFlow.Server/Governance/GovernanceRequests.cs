using System.Text.Json;

namespace AxonFlow.Server.Governance;

/// <summary><c>POST /api/request</c> and <c>/api/v1/process</c>, as every SDK sends it.</summary>
internal sealed record ProxyRequestBody(string? Query, string? UserToken, string? ClientId, string? RequestType, JsonElement? Context, string? UserId);

/// <summary><c>POST /api/policy/pre-check</c>.</summary>
internal sealed record PreCheckBody(string? UserToken, string? ClientId, string? Query, IReadOnlyList<string>? DataSources, JsonElement? Context, string? UserId);

/// <summary><c>POST /api/audit/llm-call</c>.</summary>
internal sealed record LlmCallBody(
    string? ContextId,
    string? ClientId,
    string? ResponseSummary,
    string? Provider,
    string? Model,
    TokenUsageBody? TokenUsage,
    int? LatencyMs,
    decimal? EstimatedCostUsd,
    JsonElement? Metadata);

internal sealed record TokenUsageBody(int? PromptTokens, int? CompletionTokens, int? TotalTokens);

/// <summary><c>POST /api/v1/mcp/check-input</c> (and <c>evaluate-policies</c>, which also accepts <c>query</c>).</summary>
internal sealed record McpInputBody(string? ConnectorType, string? Statement, string? Query, JsonElement? Parameters, string? Operation, string? Tool);

/// <summary><c>POST /api/v1/mcp/check-output</c>.</summary>
internal sealed record McpOutputBody(string? ConnectorType, JsonElement? ResponseData, string? Message, JsonElement? Metadata, int? RowCount);
