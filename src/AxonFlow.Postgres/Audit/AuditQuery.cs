namespace AxonFlow.Postgres.Audit;

/// <summary>Filters of an audit search; every one optional. The org is never a filter: it is the scope.</summary>
public sealed record AuditQuery
{
    public string? ClientId { get; init; }

    public string? UserId { get; init; }

    public string? RequestType { get; init; }

    public string? Decision { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }
}
