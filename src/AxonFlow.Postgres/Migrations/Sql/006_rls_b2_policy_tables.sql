-- FORCE-RLS batch 2: static_policies, dynamic_policies, policy_overrides.
-- ENABLE + FORCE so the table owner and owner-rights functions are filtered too; the predicate wraps the GUC in
-- nullif so a fresh backend (NULL) and a reused one ('') both see zero rows instead of erroring.

ALTER TABLE static_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE static_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY static_policies_org_isolation ON static_policies FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));
-- Global system rows are readable by every org and writable by none through the app role.
CREATE POLICY static_policies_global_read ON static_policies FOR SELECT
    USING (org_id IS NULL AND tenant_id = 'global');

ALTER TABLE dynamic_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE dynamic_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY dynamic_policies_org_isolation ON dynamic_policies FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));
-- Global system rows are readable by every org and writable by none through the app role.
CREATE POLICY dynamic_policies_global_read ON dynamic_policies FOR SELECT
    USING (org_id IS NULL AND tenant_id = 'global');

ALTER TABLE policy_overrides ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy_overrides FORCE ROW LEVEL SECURITY;
CREATE POLICY policy_overrides_org_isolation ON policy_overrides FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));
