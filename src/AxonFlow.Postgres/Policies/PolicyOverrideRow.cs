namespace AxonFlow.Postgres.Policies;

/// <summary>An org's override of a (system) policy's action or enabled state; the reason is mandatory.</summary>
public sealed record PolicyOverrideRow
{
    public Guid Id { get; init; }

    public required string OrgId { get; init; }

    public string ClientId { get; init; } = string.Empty;

    public required string PolicyId { get; init; }

    public string PolicyType { get; init; } = "static";

    public string? ActionOverride { get; init; }

    public bool? EnabledOverride { get; init; }

    public required string OverrideReason { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }
}
