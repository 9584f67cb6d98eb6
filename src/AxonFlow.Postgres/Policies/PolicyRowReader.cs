using Npgsql;

namespace AxonFlow.Postgres.Policies;

/// <summary>Column lists and row mapping shared by the policy statements.</summary>
internal static class PolicyRowReader
{
    public const string StaticColumns = """
        policy_id, org_id, client_id, name, category, pattern, severity, action, description, enabled, tier, priority, tags,
        version, created_by, updated_by, created_at, updated_at
        """;

    public const string DynamicColumns = """
        policy_id, org_id, client_id, name, description, policy_type, category, conditions::text, actions::text, priority, enabled,
        tier, version, created_by, updated_by, created_at, updated_at
        """;

    public const string OverrideColumns = """
        id, org_id, client_id, policy_id, policy_type, action_override, enabled_override, override_reason, expires_at, created_by,
        created_at, revoked_at
        """;

    public static StaticPolicyRow Static(NpgsqlDataReader r) => new()
    {
        PolicyId = r.GetString(0),
        OrgId = r.IsDBNull(1) ? null : r.GetString(1),
        ClientId = r.GetString(2),
        Name = r.GetString(3),
        Category = r.GetString(4),
        Pattern = r.GetString(5),
        Severity = r.GetString(6),
        Action = r.GetString(7),
        Description = r.GetString(8),
        Enabled = r.GetBoolean(9),
        Tier = r.GetString(10),
        Priority = r.GetInt32(11),
        Tags = r.GetFieldValue<string[]>(12),
        Version = r.GetInt32(13),
        CreatedBy = r.IsDBNull(14) ? null : r.GetString(14),
        UpdatedBy = r.IsDBNull(15) ? null : r.GetString(15),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(16),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(17),
    };

    public static DynamicPolicyRow Dynamic(NpgsqlDataReader r) => new()
    {
        PolicyId = r.GetString(0),
        OrgId = r.IsDBNull(1) ? null : r.GetString(1),
        ClientId = r.GetString(2),
        Name = r.GetString(3),
        Description = r.GetString(4),
        PolicyType = r.GetString(5),
        Category = r.GetString(6),
        ConditionsJson = r.GetString(7),
        ActionsJson = r.GetString(8),
        Priority = r.GetInt32(9),
        Enabled = r.GetBoolean(10),
        Tier = r.GetString(11),
        Version = r.GetInt32(12),
        CreatedBy = r.IsDBNull(13) ? null : r.GetString(13),
        UpdatedBy = r.IsDBNull(14) ? null : r.GetString(14),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(15),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(16),
    };

    public static PolicyOverrideRow Override(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        OrgId = r.GetString(1),
        ClientId = r.GetString(2),
        PolicyId = r.GetString(3),
        PolicyType = r.GetString(4),
        ActionOverride = r.IsDBNull(5) ? null : r.GetString(5),
        EnabledOverride = r.IsDBNull(6) ? null : r.GetBoolean(6),
        OverrideReason = r.GetString(7),
        ExpiresAt = r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
        CreatedBy = r.IsDBNull(9) ? null : r.GetString(9),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(10),
        RevokedAt = r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
    };

    /// <summary>Binds a list filter as parameters $1-$4 (category, tier, enabled, search), NULL meaning "any".</summary>
    public static void AddFilter(NpgsqlCommand command, PolicyListFilter filter)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Category ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Tier ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Enabled ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)LikePattern(filter.Search) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
    }

    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Escapes LIKE wildcards so a search for "50%" finds "50%", not everything.</summary>
    public static string? LikePattern(string? search) =>
        string.IsNullOrWhiteSpace(search)
            ? null
            : "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
