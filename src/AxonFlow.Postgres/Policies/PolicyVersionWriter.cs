using System.Text.Json;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.Postgres.Policies;

/// <summary>Appends to <c>policy_versions</c> and notifies other nodes, inside the transaction that made the change.</summary>
internal static class PolicyVersionWriter
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task RecordAsync<T>(OrgScopedSession session, string policyType, string policyId, int version, string changeType, T snapshot, string changedBy, CancellationToken cancellationToken)
    {
        await using (var insert = session.CreateCommand("""
            INSERT INTO policy_versions (org_id, policy_type, policy_id, version, change_type, snapshot, changed_by)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
            """))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = policyType });
            insert.Parameters.Add(new NpgsqlParameter { Value = policyId });
            insert.Parameters.Add(new NpgsqlParameter { Value = version });
            insert.Parameters.Add(new NpgsqlParameter { Value = changeType });
            insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(snapshot, Json) });
            insert.Parameters.Add(new NpgsqlParameter { Value = changedBy });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await NotifyAsync(session, cancellationToken);
    }

    public static async Task NotifyAsync(OrgScopedSession session, CancellationToken cancellationToken)
    {
        await using var notify = session.CreateCommand(PolicyChangeChannel.NotifySql);
        notify.Parameters.Add(new NpgsqlParameter { Value = session.Org.Value });
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<PolicyVersionRow>> ListAsync(OrgScopedSession session, string policyType, string policyId, CancellationToken cancellationToken)
    {
        await using var select = session.CreateCommand("""
            SELECT policy_id, policy_type, version, change_type, snapshot::text, changed_by, changed_at
            FROM policy_versions WHERE policy_type = $1 AND policy_id = $2 ORDER BY version DESC
            """);
        select.Parameters.Add(new NpgsqlParameter { Value = policyType });
        select.Parameters.Add(new NpgsqlParameter { Value = policyId });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var versions = new List<PolicyVersionRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new PolicyVersionRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return versions;
    }
}
