namespace AxonFlow.Postgres.Audit;

/// <summary>
/// Who performed an administrative change, as recorded in <c>agent_audit_logs</c>: a type (<c>admin_api</c>,
/// <c>portal_user</c>, <c>system</c>), an id within it, and where the request came from. Never a secret.
/// </summary>
public sealed record AuditActor(string Type, string Id)
{
    public static AuditActor System { get; } = new("system", "axonflow");

    public string? RequestId { get; init; }

    public string? RemoteAddress { get; init; }
}
