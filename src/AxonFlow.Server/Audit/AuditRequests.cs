using System.Text.Json;

namespace AxonFlow.Server.Audit;

/// <summary><c>POST /api/v1/audit/search</c>. <c>tenant_id</c>, <c>user</c> and <c>user_email</c> are accepted as the older SDKs' names.</summary>
internal sealed record AuditSearchRequest(
    string? ClientId,
    string? TenantId,
    string? UserId,
    string? User,
    string? UserEmail,
    string? RequestType,
    string? Decision,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    int? Limit,
    int? Offset);

internal sealed record AuditSearchResponse(IReadOnlyList<Postgres.Audit.AuditEntry> Entries, long Total, int Limit, int Offset);

/// <summary><c>POST /api/v1/audit/tool-call</c>: a tool or MCP call the caller made, recorded beside its LLM traffic.</summary>
internal sealed record ToolCallRequest(
    string? ToolName,
    string? ToolType,
    JsonElement? Input,
    JsonElement? Output,
    bool? Success,
    int? LatencyMs,
    string? Error,
    string? RequestId,
    string? UserId);

internal sealed record AuditWriteResponse(bool Success, Guid AuditId);
