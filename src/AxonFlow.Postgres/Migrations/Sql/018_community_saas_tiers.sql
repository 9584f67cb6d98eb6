-- Community SaaS tiers: per-request telemetry, and the indexes the retention sweep deletes by.
-- The daily quota counts in daily_usage, whose primary key (org_id, client_id, usage_date) from migration 003 already
-- serves the atomic INSERT ... ON CONFLICT upsert (the tenant's row has client_id = org_id = tenant id), so no new key.

-- One row per governed Community SaaS request: who (org, credential), which software (the canonical X-Axonflow-Client
-- value, NULL when absent or malformed), which route pattern, at which tier (NULL: no resolved tier), and the status.
CREATE TABLE community_saas_request_telemetry (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      text        NOT NULL CHECK (org_id <> ''),
    client_id   text        NOT NULL CHECK (client_id <> ''),
    client      text        CHECK (length(client) <= 200),
    route       text        NOT NULL CHECK (length(route) BETWEEN 1 AND 300),
    tier        text        CHECK (tier IN ('free', 'pro', 'premium')),
    status      integer     NOT NULL CHECK (status BETWEEN 100 AND 599),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX community_saas_request_telemetry_org_time_idx ON community_saas_request_telemetry (org_id, created_at);

ALTER TABLE community_saas_request_telemetry ENABLE ROW LEVEL SECURITY;
ALTER TABLE community_saas_request_telemetry FORCE ROW LEVEL SECURITY;
CREATE POLICY community_saas_request_telemetry_org_isolation ON community_saas_request_telemetry FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

GRANT SELECT, INSERT, DELETE ON community_saas_request_telemetry TO axonflow_app_role, axonflow_platform_admin;

-- The retention sweep deletes per org by age; these two audit tables had no (org_id, time) index yet.
CREATE INDEX llm_call_audits_org_time_idx ON llm_call_audits (org_id, created_at);
CREATE INDEX gateway_contexts_org_time_idx ON gateway_contexts (org_id, created_at);
