using AxonFlow.Core.Identity;
using AxonFlow.Postgres.OrgScoping;
using Npgsql;

namespace AxonFlow.Postgres.Policies;

/// <summary>
/// Static policies of one org plus the global system rows it may read. Every change bumps the version, appends the
/// snapshot to <c>policy_versions</c> and notifies other nodes, all in one org-scoped transaction.
/// </summary>
public sealed class StaticPolicyStore(OrgScope orgScope)
{
    private const string PolicyType = "static";

    private const string ListFilter = """
        WHERE deleted_at IS NULL
          AND ($1::text IS NULL OR category = $1)
          AND ($2::text IS NULL OR tier = $2)
          AND ($3::boolean IS NULL OR enabled = $3)
          AND ($4::text IS NULL OR name ILIKE $4 OR policy_id ILIKE $4 OR description ILIKE $4)
        """;

    private const string ListSql = $"SELECT {PolicyRowReader.StaticColumns} FROM static_policies {ListFilter} ORDER BY (org_id IS NULL), priority DESC, policy_id LIMIT $5 OFFSET $6";

    private const string CountSql = $"SELECT count(*) FROM static_policies {ListFilter}";

    private const string GetSql = $"SELECT {PolicyRowReader.StaticColumns} FROM static_policies WHERE policy_id = $1 AND deleted_at IS NULL ORDER BY (org_id IS NULL) LIMIT 1";

    private const string InsertSql = $"""
        INSERT INTO static_policies (org_id, client_id, tenant_id, policy_id, name, category, pattern, severity, action, description,
            enabled, tier, priority, tags, version, created_by, updated_by)
        VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14)
        RETURNING {PolicyRowReader.StaticColumns}
        """;

    private const string UpdateSql = $"""
        UPDATE static_policies
        SET name = $2, category = $3, pattern = $4, severity = $5, action = $6, description = $7, enabled = $8, priority = $9,
            tags = $10, version = version + 1, updated_by = $11, updated_at = now(), deleted_at = CASE WHEN $12 THEN now() END
        WHERE policy_id = $1 AND org_id IS NOT NULL AND deleted_at IS NULL
        RETURNING {PolicyRowReader.StaticColumns}
        """;

    public Task<(IReadOnlyList<StaticPolicyRow> Rows, long Total)> ListAsync(OrgId org, PolicyListFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return orgScope.RunAsync<(IReadOnlyList<StaticPolicyRow>, long)>(org, async (session, token) =>
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
            return (await PolicyRowReader.ReadAllAsync(list, PolicyRowReader.Static, token), total);
        }, cancellationToken);
    }

    public Task<StaticPolicyRow?> GetAsync(OrgId org, string policyId, CancellationToken cancellationToken) =>
        orgScope.RunAsync(org, (session, token) => GetAsync(session, policyId, token), cancellationToken);

    /// <summary>Creates an org policy; a duplicate id in the same org raises the unique violation (23505) for the caller to map to 409.</summary>
    public Task<StaticPolicyRow> CreateAsync(OrgId org, StaticPolicyRow policy, string changedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return orgScope.RunAsync(org, async (session, token) =>
        {
            await using var insert = session.CreateCommand(InsertSql);
            insert.Parameters.Add(new NpgsqlParameter { Value = org.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.ClientId });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.PolicyId });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Name });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Category });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Pattern });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Severity });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Action });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Description });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Enabled });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Tier });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Priority });
            insert.Parameters.Add(new NpgsqlParameter { Value = policy.Tags.ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = changedBy });
            var created = (await PolicyRowReader.ReadAllAsync(insert, PolicyRowReader.Static, token))[0];
            await PolicyVersionWriter.RecordAsync(session, PolicyType, created.PolicyId, created.Version, "created", created, changedBy, token);
            return created;
        }, cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> to the org's own policy; system rows are refused, not changed.</summary>
    public Task<PolicyMutation<StaticPolicyRow>> UpdateAsync(
        OrgId org, string policyId, Func<StaticPolicyRow, StaticPolicyRow> change, string changeType, string changedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return orgScope.RunAsync<PolicyMutation<StaticPolicyRow>>(org, async (session, token) =>
        {
            var current = await GetAsync(session, policyId, token);
            if (current is null)
            {
                return new PolicyMutation<StaticPolicyRow>.NotFound();
            }

            if (current.IsSystem)
            {
                return new PolicyMutation<StaticPolicyRow>.SystemPolicy();
            }

            var next = change(current);
            await using var update = session.CreateCommand(UpdateSql);
            update.Parameters.Add(new NpgsqlParameter { Value = policyId });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Name });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Category });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Pattern });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Severity });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Action });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Description });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Enabled });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Priority });
            update.Parameters.Add(new NpgsqlParameter { Value = next.Tags.ToArray() });
            update.Parameters.Add(new NpgsqlParameter { Value = changedBy });
            update.Parameters.Add(new NpgsqlParameter { Value = changeType == "deleted" });
            var rows = await PolicyRowReader.ReadAllAsync(update, PolicyRowReader.Static, token);
            if (rows.Count == 0)
            {
                return new PolicyMutation<StaticPolicyRow>.NotFound();
            }

            await PolicyVersionWriter.RecordAsync(session, PolicyType, policyId, rows[0].Version, changeType, rows[0], changedBy, token);
            return new PolicyMutation<StaticPolicyRow>.Changed(rows[0]);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<PolicyVersionRow>> VersionsAsync(OrgId org, string policyId, CancellationToken cancellationToken) =>
        orgScope.RunAsync(org, (session, token) => PolicyVersionWriter.ListAsync(session, PolicyType, policyId, token), cancellationToken);

    /// <summary>The org's own enabled, undeleted policies, for compiling its policy set.</summary>
    internal static async Task<IReadOnlyList<StaticPolicyRow>> LoadOwnAsync(OrgScopedSession session, CancellationToken cancellationToken)
    {
        await using var select = session.CreateCommand($"SELECT {PolicyRowReader.StaticColumns} FROM static_policies WHERE org_id IS NOT NULL AND deleted_at IS NULL");
        return await PolicyRowReader.ReadAllAsync(select, PolicyRowReader.Static, cancellationToken);
    }

    private static async Task<StaticPolicyRow?> GetAsync(OrgScopedSession session, string policyId, CancellationToken cancellationToken)
    {
        await using var select = session.CreateCommand(GetSql);
        select.Parameters.Add(new NpgsqlParameter { Value = policyId });
        var rows = await PolicyRowReader.ReadAllAsync(select, PolicyRowReader.Static, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

}
