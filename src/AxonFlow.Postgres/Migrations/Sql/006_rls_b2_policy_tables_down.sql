-- Reverts FORCE-RLS batch 2 exactly: policies dropped, FORCE and RLS switched off on static_policies, dynamic_policies, policy_overrides.
-- Operators do not normally need this: the rollback contract is snapshot restore (docs/operations.md).

DROP POLICY IF EXISTS static_policies_global_read ON static_policies;
DROP POLICY IF EXISTS static_policies_org_isolation ON static_policies;
ALTER TABLE static_policies NO FORCE ROW LEVEL SECURITY;
ALTER TABLE static_policies DISABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS dynamic_policies_global_read ON dynamic_policies;
DROP POLICY IF EXISTS dynamic_policies_org_isolation ON dynamic_policies;
ALTER TABLE dynamic_policies NO FORCE ROW LEVEL SECURITY;
ALTER TABLE dynamic_policies DISABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS policy_overrides_org_isolation ON policy_overrides;
ALTER TABLE policy_overrides NO FORCE ROW LEVEL SECURITY;
ALTER TABLE policy_overrides DISABLE ROW LEVEL SECURITY;
