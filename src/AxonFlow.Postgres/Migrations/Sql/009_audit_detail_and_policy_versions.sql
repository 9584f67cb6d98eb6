-- Governance core: the audit trail's per-request detail, and the version history of org policies.
-- A new org table ships with ENABLE + FORCE RLS and its policy in the same migration.

ALTER TABLE audit_logs ADD COLUMN audit_id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE audit_logs ADD COLUMN block_reason text;
ALTER TABLE audit_logs ADD COLUMN policies jsonb NOT NULL DEFAULT '[]';
ALTER TABLE audit_logs ADD COLUMN prompt_tokens integer NOT NULL DEFAULT 0;
ALTER TABLE audit_logs ADD COLUMN completion_tokens integer NOT NULL DEFAULT 0;
ALTER TABLE audit_logs ADD COLUMN query_redacted text;
ALTER TABLE audit_logs ADD COLUMN risk_score double precision NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX audit_logs_org_audit_key ON audit_logs (org_id, audit_id);
CREATE INDEX audit_logs_org_client_time_idx ON audit_logs (org_id, client_id, "timestamp" DESC);

ALTER TABLE gateway_contexts ADD COLUMN user_id text;
ALTER TABLE gateway_contexts ADD COLUMN requires_redaction boolean NOT NULL DEFAULT false;
ALTER TABLE llm_call_audits ADD COLUMN user_id text;

CREATE TABLE policy_versions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       text        NOT NULL,
    client_id    text        NOT NULL DEFAULT '',
    policy_type  text        NOT NULL CHECK (policy_type IN ('static', 'dynamic')),
    policy_id    text        NOT NULL,
    version      integer     NOT NULL,
    change_type  text        NOT NULL CHECK (change_type IN ('created', 'updated', 'enabled', 'disabled', 'deleted')),
    snapshot     jsonb       NOT NULL,
    changed_by   text        NOT NULL DEFAULT '',
    changed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX policy_versions_org_policy_version_key ON policy_versions (org_id, policy_type, policy_id, version);

ALTER TABLE policy_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY policy_versions_org_isolation ON policy_versions FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));
GRANT SELECT, INSERT, UPDATE, DELETE ON policy_versions TO axonflow_app_role, axonflow_platform_admin;
