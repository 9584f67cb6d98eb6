using System.Text.Json;

namespace AxonFlow.Postgres.Audit;

/// <summary>An audit row as the search and export APIs return it (snake_case on the wire).</summary>
public sealed record AuditEntry(
    Guid Id,
    string RequestId,
    DateTimeOffset Timestamp,
    string OrgId,
    string ClientId,
    string TenantId,
    string? UserId,
    string RequestType,
    string Decision,
    string? BlockReason,
    JsonElement Policies,
    string? Provider,
    string? Model,
    int PromptTokens,
    int CompletionTokens,
    int TotalTokens,
    decimal? CostUsd,
    int? LatencyMs,
    string? Query,
    string? Client,
    double RiskScore,
    JsonElement Details);
