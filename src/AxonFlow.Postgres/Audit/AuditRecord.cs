using AxonFlow.Core.Identity;

namespace AxonFlow.Postgres.Audit;

/// <summary>
/// One governed request as the audit trail keeps it. <see cref="QueryRedacted"/> is the prompt with PII masked; the raw
/// prompt is never stored.
/// </summary>
public sealed record AuditRecord
{
    public required Guid AuditId { get; init; }

    public required OrgId Org { get; init; }

    public required ClientId Client { get; init; }

    public required string RequestId { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required string RequestType { get; init; }

    /// <summary>allowed, blocked, redacted or error.</summary>
    public required string Decision { get; init; }

    public string? UserId { get; init; }

    public string? BlockReason { get; init; }

    public IReadOnlyList<AuditPolicyHit> Policies { get; init; } = [];

    public string? Provider { get; init; }

    public string? Model { get; init; }

    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    public decimal? CostUsd { get; init; }

    public int LatencyMs { get; init; }

    public string? QueryRedacted { get; init; }

    public string? QueryHash { get; init; }

    /// <summary>The caller's <c>X-Axonflow-Client</c> value, so operators see which SDK or plugin sent what.</summary>
    public string? ClientHeader { get; init; }

    public string? ErrorMessage { get; init; }

    public double RiskScore { get; init; }

    /// <summary>Free-form detail (JSON object text), e.g. a tool call's name and outcome.</summary>
    public string Details { get; init; } = "{}";
}

/// <summary>A policy that matched, as recorded on the audit row.</summary>
public sealed record AuditPolicyHit(string PolicyId, string Name, string Category, string Severity, string Action);
