-- Reverts FORCE-RLS batch 3 exactly: policies dropped, FORCE and RLS switched off on audit_logs, gateway_contexts, llm_call_audits, mcp_query_audits, daily_usage, execution_history, agent_audit_logs.
-- Operators do not normally need this: the rollback contract is snapshot restore (docs/operations.md).

DROP POLICY IF EXISTS audit_logs_org_isolation ON audit_logs;
ALTER TABLE audit_logs NO FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_logs DISABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS gateway_contexts_org_isolation ON gateway_contexts;
ALTER TABLE gateway_contexts NO FORCE ROW LEVEL SECURITY;
ALTER TABLE gateway_contexts DISABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS llm_call_audits_org_isolation ON llm_call_audits;
ALTER TABLE llm_call_audits NO FORCE ROW LEVEL SECURITY;
ALTER TABLE llm_call_audits DISABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS mcp_query_audits_org_isolation ON mcp_query_audits;
ALTER TABLE mcp_query_audits NO FORCE ROW LEVEL SECURITY;
ALTER TABLE mcp_query_audits DISABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS daily_usage_org_isolation ON daily_usage;
ALTER TABLE daily_usage NO FORCE ROW LEVEL SECURITY;
ALTER TABLE daily_usage DISABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS execution_history_org_isolation ON execution_history;
ALTER TABLE execution_history NO FORCE ROW LEVEL SECURITY;
ALTER TABLE execution_history DISABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS agent_audit_logs_org_isolation ON agent_audit_logs;
ALTER TABLE agent_audit_logs NO FORCE ROW LEVEL SECURITY;
ALTER TABLE agent_audit_logs DISABLE ROW LEVEL SECURITY;
