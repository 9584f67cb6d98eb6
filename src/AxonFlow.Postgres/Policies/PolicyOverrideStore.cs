using AxonFlow.Core.Identity;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.Postgres.Policies;

/// <summary>An org's overrides. At most one active override per policy (a second is a 23505 the API maps to 409).</summary>
public sealed class PolicyOverrideStore(OrgScope orgScope)
{
    private const string InsertSql = $"""
        INSERT INTO policy_overrides (org_id, client_id, tenant_id, policy_id, policy_type, action_override, enabled_override,
            override_reason, expires_at, created_by)
        VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8, $9)
        RETURNING {PolicyRowReader.OverrideColumns}
        """;

    public Task<PolicyOverrideRow> CreateAsync(OrgId org, PolicyOverrideRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return orgScope.RunAsync(org, async (session, token) =>
        {
            await using var insert = session.CreateCommand(InsertSql);
            insert.Parameters.Add(new NpgsqlParameter { Value = org.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.ClientId });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.PolicyId });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.PolicyType });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.ActionOverride ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.EnabledOverride ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean });
            insert.Parameters.Add(new NpgsqlParameter { Value = row.OverrideReason });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.ExpiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)row.CreatedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            var created = (await PolicyRowReader.ReadAllAsync(insert, PolicyRowReader.Override, token))[0];
            await PolicyVersionWriter.NotifyAsync(session, token);
            return created;
        }, cancellationToken);
    }

    /// <summary>Active (unrevoked) overrides; expired ones are listed too so operators can see and revoke them.</summary>
    public Task<IReadOnlyList<PolicyOverrideRow>> ListAsync(OrgId org, CancellationToken cancellationToken) =>
        orgScope.RunAsync(org, (session, token) => LoadActiveAsync(session, token), cancellationToken);

    public Task<PolicyOverrideRow?> RevokeAsync(OrgId org, Guid id, CancellationToken cancellationToken) =>
        orgScope.RunAsync(org, async (session, token) =>
        {
            await using var revoke = session.CreateCommand($"UPDATE policy_overrides SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING {PolicyRowReader.OverrideColumns}");
            revoke.Parameters.Add(new NpgsqlParameter { Value = id });
            var rows = await PolicyRowReader.ReadAllAsync(revoke, PolicyRowReader.Override, token);
            if (rows.Count == 0)
            {
                return null;
            }

            await PolicyVersionWriter.NotifyAsync(session, token);
            return rows[0];
        }, cancellationToken);

    internal static async Task<IReadOnlyList<PolicyOverrideRow>> LoadActiveAsync(OrgScopedSession session, CancellationToken cancellationToken)
    {
        await using var select = session.CreateCommand($"SELECT {PolicyRowReader.OverrideColumns} FROM policy_overrides WHERE revoked_at IS NULL ORDER BY created_at");
        return await PolicyRowReader.ReadAllAsync(select, PolicyRowReader.Override, cancellationToken);
    }
}
