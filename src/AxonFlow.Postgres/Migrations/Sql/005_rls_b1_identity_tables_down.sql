-- Reverts FORCE-RLS batch 1 exactly: policies dropped, FORCE and RLS switched off on organizations, api_keys, service_identities.
-- Operators do not normally need this: the rollback contract is snapshot restore (docs/operations.md).

DROP POLICY IF EXISTS organizations_org_isolation ON organizations;
ALTER TABLE organizations NO FORCE ROW LEVEL SECURITY;
ALTER TABLE organizations DISABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS api_keys_org_isolation ON api_keys;
ALTER TABLE api_keys NO FORCE ROW LEVEL SECURITY;
ALTER TABLE api_keys DISABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS service_identities_org_isolation ON service_identities;
ALTER TABLE service_identities NO FORCE ROW LEVEL SECURITY;
ALTER TABLE service_identities DISABLE ROW LEVEL SECURITY;
