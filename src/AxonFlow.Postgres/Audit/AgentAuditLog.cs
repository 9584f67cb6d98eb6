using System.Text.Json;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;
using NpgsqlTypes;

namespace AxonFlow.Postgres.Audit;

/// <summary>
/// Administrative changes (credentials issued, rotated, revoked; organizations created, suspended) recorded in the
/// org's <c>agent_audit_logs</c>, inside the same transaction as the change, so a change and its record commit together.
/// </summary>
public static class AgentAuditLog
{
    private const string InsertSql = """
        INSERT INTO agent_audit_logs (org_id, tenant_id, client_id, action, resource, details, "timestamp")
        VALUES ($1, $2, $2, $3, $4, $5, $6)
        """;

    /// <summary>Appends one row; <paramref name="details"/> are non-secret facts, to which the actor's type, request id and address are added.</summary>
    public static async Task AppendAsync(
        OrgScopedSession session,
        AuditActor actor,
        string action,
        string resource,
        IReadOnlyDictionary<string, string?> details,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(details);
        var recorded = new Dictionary<string, string?>(details, StringComparer.Ordinal)
        {
            ["actor_type"] = actor.Type,
            ["actor_id"] = actor.Id,
            ["request_id"] = actor.RequestId,
            ["remote_address"] = actor.RemoteAddress,
        };
        await using var insert = session.CreateCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
        insert.Parameters.Add(new NpgsqlParameter { Value = actor.Id });
        insert.Parameters.Add(new NpgsqlParameter { Value = action });
        insert.Parameters.Add(new NpgsqlParameter { Value = resource });
        insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(recorded), NpgsqlDbType = NpgsqlDbType.Jsonb });
        insert.Parameters.Add(new NpgsqlParameter { Value = at, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
