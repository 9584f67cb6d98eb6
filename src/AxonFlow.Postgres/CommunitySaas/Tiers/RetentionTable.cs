namespace AxonFlow.Postgres.CommunitySaas.Tiers;

/// <summary>An org-scoped table the retention sweep prunes, and the SQL expression of a row's age (a timestamptz).</summary>
public sealed record RetentionTable(string Name, string AgeExpression)
{
    /// <summary>Every audit-like table: the audit trail, LLM and MCP call audits, gateway contexts, executions, telemetry, old counters.</summary>
    public static IReadOnlyList<RetentionTable> All { get; } =
    [
        new("audit_logs", "x.\"timestamp\""),
        new("llm_call_audits", "x.created_at"),
        new("mcp_query_audits", "x.created_at"),
        new("gateway_contexts", "x.created_at"),
        new("agent_audit_logs", "x.\"timestamp\""),
        new("execution_history", "x.started_at"),
        new("community_saas_request_telemetry", "x.created_at"),
        new("daily_usage", "(x.usage_date::timestamp AT TIME ZONE 'UTC')"),
    ];
}
