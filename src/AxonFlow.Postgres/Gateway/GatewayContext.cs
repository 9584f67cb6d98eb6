using AxonFlow.Core.Identity;

namespace AxonFlow.Postgres.Gateway;

/// <summary>A pre-check decision kept (org-scoped) so the caller's later audit call can be tied to it.</summary>
public sealed record GatewayContext
{
    public required Guid ContextId { get; init; }

    public required OrgId Org { get; init; }

    public required ClientId Client { get; init; }

    public string? UserId { get; init; }

    public string? UserTokenHash { get; init; }

    public string? QueryHash { get; init; }

    public IReadOnlyList<string> DataSources { get; init; } = [];

    public IReadOnlyList<string> PoliciesEvaluated { get; init; } = [];

    public required bool Approved { get; init; }

    public bool RequiresRedaction { get; init; }

    public string? BlockReason { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
