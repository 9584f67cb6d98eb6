namespace AxonFlow.Postgres.Policies;

/// <summary>A dynamic (condition) policy as stored; conditions and actions are JSON arrays.</summary>
public sealed record DynamicPolicyRow
{
    public required string PolicyId { get; init; }

    public string? OrgId { get; init; }

    public string ClientId { get; init; } = string.Empty;

    public required string Name { get; init; }

    public string Description { get; init; } = string.Empty;

    public string PolicyType { get; init; } = "content";

    public string Category { get; init; } = "dynamic-security";

    public string ConditionsJson { get; init; } = "[]";

    public string ActionsJson { get; init; } = "[]";

    public int Priority { get; init; } = 100;

    public bool Enabled { get; init; } = true;

    public string Tier { get; init; } = "tenant";

    public int Version { get; init; } = 1;

    public string? CreatedBy { get; init; }

    public string? UpdatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsSystem => OrgId is null;
}
