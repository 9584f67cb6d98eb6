namespace AxonFlow.Postgres.Policies;

/// <summary>A static (regex) policy as stored: an org's own row, or a global system row (<see cref="OrgId"/> null).</summary>
public sealed record StaticPolicyRow
{
    public required string PolicyId { get; init; }

    public string? OrgId { get; init; }

    public string ClientId { get; init; } = string.Empty;

    public required string Name { get; init; }

    public required string Category { get; init; }

    public required string Pattern { get; init; }

    public string Severity { get; init; } = "medium";

    public string Action { get; init; } = "block";

    public string Description { get; init; } = string.Empty;

    public bool Enabled { get; init; } = true;

    public string Tier { get; init; } = "tenant";

    public int Priority { get; init; } = 50;

    public IReadOnlyList<string> Tags { get; init; } = [];

    public int Version { get; init; } = 1;

    public string? CreatedBy { get; init; }

    public string? UpdatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsSystem => OrgId is null;
}
