-- FORCE-RLS batch 3: audit_logs, gateway_contexts, llm_call_audits, mcp_query_audits, daily_usage, execution_history, agent_audit_logs.
-- ENABLE + FORCE so the table owner and owner-rights functions are filtered too; the predicate wraps the GUC in
-- nullif so a fresh backend (NULL) and a reused one ('') both see zero rows instead of erroring.

ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_logs FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_logs_org_isolation ON audit_logs FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

ALTER TABLE gateway_contexts ENABLE ROW LEVEL SECURITY;
ALTER TABLE gateway_contexts FORCE ROW LEVEL SECURITY;
CREATE POLICY gateway_contexts_org_isolation ON gateway_contexts FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

ALTER TABLE llm_call_audits ENABLE ROW LEVEL SECURITY;
ALTER TABLE llm_call_audits FORCE ROW LEVEL SECURITY;
CREATE POLICY llm_call_audits_org_isolation ON llm_call_audits FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

ALTER TABLE mcp_query_audits ENABLE ROW LEVEL SECURITY;
ALTER TABLE mcp_query_audits FORCE ROW LEVEL SECURITY;
CREATE POLICY mcp_query_audits_org_isolation ON mcp_query_audits FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

ALTER TABLE daily_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE daily_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY daily_usage_org_isolation ON daily_usage FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

ALTER TABLE execution_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE execution_history FORCE ROW LEVEL SECURITY;
CREATE POLICY execution_history_org_isolation ON execution_history FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

ALTER TABLE agent_audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent_audit_logs FORCE ROW LEVEL SECURITY;
CREATE POLICY agent_audit_logs_org_isolation ON agent_audit_logs FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));
