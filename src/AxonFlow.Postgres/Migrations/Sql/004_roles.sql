-- Stage 4: the runtime roles (seed 000). They are created without passwords; the embedded bootstrap sets them, and an
-- operator of an external database sets them with ALTER ROLE ... PASSWORD (docs/operations.md). A role that already exists with the wrong posture stops the migration instead of being trusted.
--   axonflow_app_role        LOGIN, NOBYPASSRLS, DML only: request traffic, filtered by FORCE RLS
--   axonflow_platform_admin  LOGIN, BYPASSRLS: cross-org workers only
--   axonflow_auth_definer    NOLOGIN, BYPASSRLS: owns the SECURITY DEFINER auth-bootstrap functions

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'axonflow_app_role') THEN
        CREATE ROLE axonflow_app_role LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'axonflow_platform_admin') THEN
        CREATE ROLE axonflow_platform_admin LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'axonflow_auth_definer') THEN
        CREATE ROLE axonflow_auth_definer NOLOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;

    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'axonflow_app_role' AND (rolbypassrls OR rolsuper)) THEN
        RAISE EXCEPTION 'Migration 004: role axonflow_app_role exists with BYPASSRLS or SUPERUSER; FORCE RLS would be decorative. Run ALTER ROLE axonflow_app_role NOBYPASSRLS NOSUPERUSER and retry.';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'axonflow_platform_admin' AND NOT rolbypassrls) THEN
        RAISE EXCEPTION 'Migration 004: role axonflow_platform_admin exists without BYPASSRLS; cross-org workers would silently see 0 rows. Run ALTER ROLE axonflow_platform_admin BYPASSRLS and retry.';
    END IF;

    EXECUTE format('GRANT CONNECT ON DATABASE %I TO axonflow_app_role, axonflow_platform_admin', current_database());
END
$$;

GRANT USAGE ON SCHEMA public TO axonflow_app_role, axonflow_platform_admin, axonflow_auth_definer;

GRANT SELECT, INSERT, UPDATE, DELETE ON
    organizations, api_keys, audit_logs, static_policies, dynamic_policies, policy_overrides, gateway_contexts,
    llm_call_audits, mcp_query_audits, daily_usage, execution_history, service_identities, agent_audit_logs
    TO axonflow_app_role, axonflow_platform_admin;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO axonflow_app_role, axonflow_platform_admin;

-- Migration bookkeeping is read-only for the runtime roles (health and readiness read it).
REVOKE ALL ON schema_migrations FROM axonflow_app_role, axonflow_platform_admin;
GRANT SELECT ON schema_migrations TO axonflow_app_role, axonflow_platform_admin;

-- Tables added by later migrations get the same DML grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO axonflow_app_role, axonflow_platform_admin;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO axonflow_app_role, axonflow_platform_admin;
