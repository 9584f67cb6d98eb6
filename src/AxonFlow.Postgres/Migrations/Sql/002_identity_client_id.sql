-- Stage 2: the identity split. tenant_id meant three things before v9; client_id is now the credential / app identity.
-- Existing rows get client_id = tenant_id, the value the legacy column carried for them.

DO $$
DECLARE
    t text;
    n bigint;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'api_keys', 'audit_logs', 'static_policies', 'dynamic_policies', 'policy_overrides', 'gateway_contexts',
        'llm_call_audits', 'mcp_query_audits', 'daily_usage', 'execution_history', 'service_identities', 'agent_audit_logs'
    ] LOOP
        EXECUTE format('ALTER TABLE %I ADD COLUMN IF NOT EXISTS client_id text', t);
        EXECUTE format('UPDATE %I SET client_id = tenant_id WHERE client_id IS NULL', t);
        GET DIAGNOSTICS n = ROW_COUNT;
        RAISE NOTICE 'Migration 002: %.client_id backfilled from tenant_id on % rows', t, n;
        EXECUTE format('ALTER TABLE %I ALTER COLUMN client_id SET DEFAULT %L', t, '');
        EXECUTE format('ALTER TABLE %I ALTER COLUMN client_id SET NOT NULL', t);
    END LOOP;
END
$$;
