-- Stage 3: org_id backfill. The migrator sets app.deployment_org_id (ORG_ID, '' when unset) and app.deployment_kind
-- for this transaction. On a production deployment the dev sentinel must never be stamped onto real rows.

DO $$
DECLARE
    deployment_org text := coalesce(nullif(current_setting('app.deployment_org_id', true), ''), '');
    deployment_kind text := coalesce(nullif(current_setting('app.deployment_kind', true), ''), 'dev');
    t text;
    n bigint;
    remaining bigint;
BEGIN
    IF deployment_kind = 'production' AND (deployment_org = '' OR deployment_org = 'local-dev-org') THEN
        RAISE EXCEPTION 'Migration 003 prod-safety abort: DEPLOYMENT_KIND=production but ORG_ID is %; refusing to stamp the dev sentinel onto customer rows. Set ORG_ID to your real customer identifier and restart.',
            CASE WHEN deployment_org = '' THEN 'unset' ELSE 'the local-dev-org sentinel' END
            USING ERRCODE = 'P0001';
    END IF;

    IF deployment_org = '' THEN
        deployment_org := 'local-dev-org';
    END IF;

    INSERT INTO organizations (org_id, name)
    SELECT deployment_org, deployment_org
    WHERE NOT EXISTS (SELECT 1 FROM organizations WHERE org_id = deployment_org);
    GET DIAGNOSTICS n = ROW_COUNT;
    RAISE NOTICE 'Migration 003 Pass-1 PREP: deployment org=% organizations row ensured (% new)', deployment_org, n;

    -- Global system policies are shared by every org: they keep tenant_id = 'global' and carry no org_id.
    UPDATE static_policies SET org_id = NULL WHERE tenant_id = 'global';
    UPDATE dynamic_policies SET org_id = NULL WHERE tenant_id = 'global';

    FOREACH t IN ARRAY ARRAY[
        'api_keys', 'audit_logs', 'static_policies', 'dynamic_policies', 'policy_overrides', 'gateway_contexts',
        'llm_call_audits', 'mcp_query_audits', 'daily_usage', 'execution_history', 'service_identities', 'agent_audit_logs'
    ] LOOP
        -- Pass 1: Community SaaS rows are their own organization (org = client = cs_...).
        EXECUTE format($q$UPDATE %I SET org_id = tenant_id WHERE coalesce(org_id, '') = '' AND tenant_id LIKE 'cs\_%%' AND tenant_id <> 'global'$q$, t);
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN
            RAISE NOTICE 'Migration 003 Pass-1: %.org_id set from cs_ tenant on % rows', t, n;
        END IF;

        -- Pass 2: everything else belongs to the deployment org.
        EXECUTE format($q$UPDATE %I SET org_id = $1 WHERE coalesce(org_id, '') = '' AND tenant_id <> 'global'$q$, t) USING deployment_org;
        GET DIAGNOSTICS n = ROW_COUNT;
        RAISE NOTICE 'Migration 003 Pass-2: %.org_id=% set on % rows', t, deployment_org, n;

        EXECUTE format($q$SELECT count(*) FROM %I WHERE coalesce(org_id, '') = '' AND tenant_id <> 'global'$q$, t) INTO remaining;
        RAISE NOTICE 'Migration 003 verify: %.org_id rows with empty/shared org_id = %', t, remaining;
        IF remaining <> 0 THEN
            RAISE EXCEPTION 'Migration 003 verify failed: % still has % rows without org_id', t, remaining;
        END IF;

        EXECUTE format('ALTER TABLE %I ALTER COLUMN org_id DROP DEFAULT', t);
    END LOOP;
    RAISE NOTICE 'Migration 003 complete — v9 org_id backfill';
END
$$;

-- Customer-data tables: org_id is mandatory. Policy tables keep NULL for global system rows only.
ALTER TABLE api_keys           ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE audit_logs         ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE policy_overrides   ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE gateway_contexts   ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE llm_call_audits    ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE mcp_query_audits   ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE daily_usage        ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE execution_history  ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE service_identities ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE agent_audit_logs   ALTER COLUMN org_id SET NOT NULL;

ALTER TABLE static_policies  ADD CONSTRAINT static_policies_org_scope_check  CHECK ((org_id IS NULL) = (tenant_id = 'global') AND org_id <> '');
ALTER TABLE dynamic_policies ADD CONSTRAINT dynamic_policies_org_scope_check CHECK ((org_id IS NULL) = (tenant_id = 'global') AND org_id <> '');

-- Keys are scoped to the org so a unique violation never reveals another org's row; indexes lead with org_id.
CREATE UNIQUE INDEX organizations_org_id_key        ON organizations (org_id);
CREATE INDEX api_keys_org_client_idx                ON api_keys (org_id, client_id);
CREATE INDEX api_keys_client_lookup_idx             ON api_keys (client_id) WHERE revoked_at IS NULL;
CREATE INDEX audit_logs_org_time_idx                ON audit_logs (org_id, "timestamp" DESC);
CREATE UNIQUE INDEX static_policies_org_policy_key  ON static_policies (org_id, policy_id) WHERE org_id IS NOT NULL;
CREATE UNIQUE INDEX static_policies_global_key      ON static_policies (policy_id) WHERE org_id IS NULL;
CREATE UNIQUE INDEX dynamic_policies_org_policy_key ON dynamic_policies (org_id, policy_id) WHERE org_id IS NOT NULL;
CREATE UNIQUE INDEX dynamic_policies_global_key     ON dynamic_policies (policy_id) WHERE org_id IS NULL;
CREATE UNIQUE INDEX policy_overrides_org_policy_key ON policy_overrides (org_id, policy_type, policy_id) WHERE revoked_at IS NULL;
ALTER TABLE gateway_contexts ADD CONSTRAINT gateway_contexts_pkey PRIMARY KEY (org_id, context_id);
ALTER TABLE llm_call_audits  ADD CONSTRAINT llm_call_audits_pkey  PRIMARY KEY (org_id, audit_id);
CREATE INDEX llm_call_audits_org_context_idx        ON llm_call_audits (org_id, context_id);
CREATE INDEX mcp_query_audits_org_time_idx          ON mcp_query_audits (org_id, created_at DESC);
ALTER TABLE daily_usage      ADD CONSTRAINT daily_usage_pkey      PRIMARY KEY (org_id, client_id, usage_date);
CREATE INDEX execution_history_org_time_idx         ON execution_history (org_id, started_at DESC);
CREATE UNIQUE INDEX service_identities_org_name_key ON service_identities (org_id, service_name);
CREATE INDEX agent_audit_logs_org_time_idx          ON agent_audit_logs (org_id, "timestamp" DESC);
