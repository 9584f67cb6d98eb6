using AxonFlow.Core.Identity;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.Postgres.Policies;

/// <summary>Dynamic (condition) policies of one org plus the global rows it may read; versioned and notified like static ones.</summary>
public sealed class DynamicPolicyStore(OrgScope orgScope)
{
    private const string PolicyType = "dynamic";

    private const string ListFilter = """
        WHERE deleted_at IS NULL
          AND ($1::text IS NULL OR category = $1)
          AND ($2::text IS NULL OR tier = $2)
          AND ($3::boolean IS NULL OR enabled = $3)
          AND ($4::text IS NULL OR name ILIKE $4 OR policy_id ILIKE $4 OR description ILIKE $4)
        """;

    private const string ListSql = $"SELECT {PolicyRowReader.DynamicColumns} FROM dynamic_policies {ListFilter} ORDER BY (org_id IS NULL), priority DESC, policy_id LIMIT $5 OFFSET $6";

    private const string CountSql = $"SELECT count(*) FROM dynamic_policies {ListFilter}";

    private const string GetSql = $"SELECT {PolicyRowReader.DynamicColumns} FROM dynamic_policies WHERE policy_id = $1 AND deleted_at IS NULL ORDER BY (org_id IS NULL) LIMIT 1";

    private const string InsertSql = $"""
        INSERT INTO dynamic_policies (org_id, client_id, tenant_id, policy_id, name, description, policy_type, category, conditions,
            actions, priority, enabled, tier, version, created_by, updated_by)
        VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, 1, $13, $13)
        RETURNING {PolicyRowReader.DynamicColumns}
        """;

    private const string UpdateSql = $"""
        UPDATE dynamic_policies
        SET name = $2, description = $3, policy_type = $4, category = $5, conditions = $6::jsonb, actions = $7::jsonb, priority = $8,
            enabled = $9, version = version + 1, updated_by = $10, updated_at = now(), deleted_at = CASE WHEN $11 THEN now() END
        WHERE policy_id = $1 AND org_id IS NOT NULL AND deleted_at IS NULL
        RETURNING {PolicyRowReader.DynamicColumns}
        """;

    public Task<(IReadOnlyList<DynamicPolicyRow> Rows, long Total)> ListAsync(OrgId org, PolicyListFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return orgScope.RunAsync<(IReadOnlyList<DynamicPolicyRow>, long)>(org, async (session, token) =>
        {
            long total;
            await using (var count = session.CreateCommand(CountSql))
            {
                PolicyRowReader.AddFilter(count, filter);
                total = (long)(await count.ExecuteScalarAsync(token))!;
            }

            await using var list = session.CreateCommand(ListSql);
            PolicyRowReader.AddFilter(list, filter);
            list.Parameters.Add(new NpgsqlParameter { Value = filter.PageSize });
            list.Parameters.Add(new NpgsqlParameter { Value = (filter.Page - 1) * filter.PageSize });
            return (await PolicyRowReader.ReadAllAsync(list, PolicyRowReader.Dynamic, token), total);
        }, cancellationToken);
    }

    public Task<DynamicPolicyRow?> GetAsync(OrgId org, string policyId, CancellationToken cancellationToken) =>
        orgScope.RunAsync(org, (session, token) => GetAsync(session, policyId, token), cancellationToken);

    public Task<DynamicPolicyRow> CreateAsync(OrgId org, DynamicPolicyRow policy, string changedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return orgScope.RunAsync(org, async (session, token) =>
        {
            await using var insert = session.CreateCommand(InsertSql);
            insert.Parameters.Add(new NpgsqlParameter { Value = org.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.ClientId });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.PolicyId });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Name });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Description });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.PolicyType });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Category });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.ConditionsJson });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.ActionsJson });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Priority });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Enabled });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Tier });
            insert.Parameters.Add(new NpgsqlParameter { Value = changedBy });
            var created = (await PolicyRowReader.ReadAllAsync(insert, PolicyRowReader.Dynamic, token))[0];
            await PolicyVersionWriter.RecordAsync(session, PolicyType, created.PolicyId, created.Version, "created", created, changedBy, token);
            return created;
        }, cancellationToken);
    }

    public Task<PolicyMutation<DynamicPolicyRow>> UpdateAsync(
        OrgId org, string policyId, Func<DynamicPolicyRow, DynamicPolicyRow> change, string changeType, string changedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return orgScope.RunAsync<PolicyMutation<DynamicPolicyRow>>(org, async (session, token) =>
        {
            var current = await GetAsync(session, policyId, token);
            if (current is null)
            {
                return new PolicyMutation<DynamicPolicyRow>.NotFound();
            }

            if (current.IsSystem)
            {
                return new PolicyMutation<DynamicPolicyRow>.SystemPolicy();
            }

            var next = change(current);
            await using var update = session.CreateCommand(UpdateSql);
            update.Parameters.Add(new NpgsqlParameter { Value = policyId });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Name });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Description });
            update.Parameters.Add(new NpgsqlParameter { Value = next.PolicyType });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Category });
            update.Parameters.Add(new NpgsqlParameter { Value = next.ConditionsJson });
            update.Parameters.Add(new NpgsqlParameter { Value = next.ActionsJson });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Priority });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Enabled });
            update.Parameters.Add(new NpgsqlParameter { Value = changedBy });
            update.Parameters.Add(new NpgsqlParameter { Value = changeType == "deleted" });
            var rows = await PolicyRowReader.ReadAllAsync(update, PolicyRowReader.Dynamic, token);
            if (rows.Count == 0)
            {
                return new PolicyMutation<DynamicPolicyRow>.NotFound();
            }

            await PolicyVersionWriter.RecordAsync(session, PolicyType, policyId, rows[0].Version, changeType, rows[0], changedBy, token);
            return new PolicyMutation<DynamicPolicyRow>.Changed(rows[0]);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<PolicyVersionRow>> VersionsAsync(OrgId org, string policyId, CancellationToken cancellationToken) =>
        orgScope.RunAsync(org, (session, token) => PolicyVersionWriter.ListAsync(session, PolicyType, policyId, token), cancellationToken);

    internal static async Task<IReadOnlyList<DynamicPolicyRow>> LoadOwnAsync(OrgScopedSession session, CancellationToken cancellationToken)
    {
        await using var select = session.CreateCommand($"SELECT {PolicyRowReader.DynamicColumns} FROM dynamic_policies WHERE org_id IS NOT NULL AND deleted_at IS NULL");
        return await PolicyRowReader.ReadAllAsync(select, PolicyRowReader.Dynamic, cancellationToken);
    }

    private static async Task<DynamicPolicyRow?> GetAsync(OrgScopedSession session, string policyId, CancellationToken cancellationToken)
    {
        await using var select = session.CreateCommand(GetSql);
        select.Parameters.Add(new NpgsqlParameter { Value = policyId });
        var rows = await PolicyRowReader.ReadAllAsync(select, PolicyRowReader.Dynamic, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

}
