namespace AxonFlow.Postgres.Operations;

/// <summary>The tables of the pre-identity baseline (migration 001), which the identity split and the org backfill rewrite.</summary>
public static class LegacyBaseline
{
    /// <summary>The customer-data tables keyed by the legacy <c>tenant_id</c>, in the order migrations 002 and 003 walk them.</summary>
    public static IReadOnlyList<string> TenantTables { get; } =
    [
        "api_keys", "audit_logs", "static_policies", "dynamic_policies", "policy_overrides", "gateway_contexts",
        "llm_call_audits", "mcp_query_audits", "daily_usage", "execution_history", "service_identities", "agent_audit_logs",
    ];

    /// <summary>Every table migration 001 creates.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["organizations", .. TenantTables];

    /// <summary>Tables where <c>tenant_id = 'global'</c> marks a system row shared by every org (org_id NULL after the backfill).</summary>
    public static IReadOnlySet<string> GlobalRowTables { get; } = new HashSet<string>(StringComparer.Ordinal) { "static_policies", "dynamic_policies" };

    /// <summary>The migration that stamps <c>org_id</c> onto legacy rows (seed 000's "migration 094").</summary>
    public const int OrgBackfillVersion = 3;

    /// <summary>The migration that creates the runtime roles (seed 000's "migration 098").</summary>
    public const int RolesVersion = 4;
}
