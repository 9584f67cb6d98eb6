-- Stage 1: the pre-identity baseline (the v8.x shape). Every customer-data table carries the legacy tenant_id and an
-- org_id that older releases left empty. Later stages split the identity, backfill org_id and turn on FORCE RLS.

CREATE TABLE IF NOT EXISTS organizations (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id        text        NOT NULL,
    name          text        NOT NULL DEFAULT '',
    tier          text        NOT NULL DEFAULT 'community',
    status        text        NOT NULL DEFAULT 'active',
    max_nodes     integer,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    suspended_at  timestamptz,
    CONSTRAINT organizations_status_check CHECK (status IN ('active', 'suspended', 'deleted'))
);

CREATE TABLE IF NOT EXISTS api_keys (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id         text        DEFAULT '',
    tenant_id      text        NOT NULL,
    secret_hash    bytea       NOT NULL,
    secret_prefix  text        NOT NULL DEFAULT '',
    label          text        NOT NULL DEFAULT '',
    scopes         text[]      NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz,
    revoked_at     timestamptz,
    last_used_at   timestamptz
);

CREATE TABLE IF NOT EXISTS audit_logs (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id           text        DEFAULT '',
    tenant_id        text        NOT NULL DEFAULT '',
    request_id       text        NOT NULL DEFAULT '',
    "timestamp"      timestamptz NOT NULL DEFAULT now(),
    user_id          text,
    request_type     text        NOT NULL DEFAULT '',
    query_hash       text,
    policy_decision  text        NOT NULL DEFAULT 'allowed',
    policy_details   jsonb       NOT NULL DEFAULT '{}',
    provider         text,
    model            text,
    response_time_ms integer,
    tokens_used      integer,
    cost             numeric(18, 8),
    redacted_fields  text[]      NOT NULL DEFAULT '{}',
    error_message    text,
    client           text
);

CREATE TABLE IF NOT EXISTS static_policies (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       text        DEFAULT '',
    tenant_id    text        NOT NULL DEFAULT '',
    policy_id    text        NOT NULL,
    name         text        NOT NULL,
    category     text        NOT NULL,
    pattern      text        NOT NULL,
    severity     text        NOT NULL DEFAULT 'medium',
    description  text        NOT NULL DEFAULT '',
    action       text        NOT NULL DEFAULT 'block',
    enabled      boolean     NOT NULL DEFAULT true,
    tier         text        NOT NULL DEFAULT 'tenant',
    priority     integer     NOT NULL DEFAULT 50,
    tags         text[]      NOT NULL DEFAULT '{}',
    metadata     jsonb       NOT NULL DEFAULT '{}',
    version      integer     NOT NULL DEFAULT 1,
    created_by   text,
    updated_by   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz
);

CREATE TABLE IF NOT EXISTS dynamic_policies (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       text        DEFAULT '',
    tenant_id    text        NOT NULL DEFAULT '',
    policy_id    text        NOT NULL,
    name         text        NOT NULL,
    description  text        NOT NULL DEFAULT '',
    policy_type  text        NOT NULL DEFAULT 'content',
    category     text        NOT NULL DEFAULT 'dynamic-security',
    conditions   jsonb       NOT NULL DEFAULT '[]',
    actions      jsonb       NOT NULL DEFAULT '[]',
    priority     integer     NOT NULL DEFAULT 100,
    enabled      boolean     NOT NULL DEFAULT true,
    tier         text        NOT NULL DEFAULT 'tenant',
    tags         text[]      NOT NULL DEFAULT '{}',
    version      integer     NOT NULL DEFAULT 1,
    created_by   text,
    updated_by   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz
);

CREATE TABLE IF NOT EXISTS policy_overrides (
    id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id            text        DEFAULT '',
    tenant_id         text        NOT NULL DEFAULT '',
    policy_id         text        NOT NULL,
    policy_type       text        NOT NULL DEFAULT 'static',
    action_override   text,
    enabled_override  boolean,
    override_reason   text        NOT NULL,
    expires_at        timestamptz,
    created_by        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    revoked_at        timestamptz
);

CREATE TABLE IF NOT EXISTS gateway_contexts (
    context_id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    org_id              text        DEFAULT '',
    tenant_id           text        NOT NULL DEFAULT '',
    user_token_hash     text,
    query_hash          text,
    data_sources        text[]      NOT NULL DEFAULT '{}',
    policies_evaluated  text[]      NOT NULL DEFAULT '{}',
    approved            boolean     NOT NULL,
    block_reason        text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS llm_call_audits (
    audit_id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    org_id              text        DEFAULT '',
    tenant_id           text        NOT NULL DEFAULT '',
    context_id          uuid,
    provider            text        NOT NULL,
    model               text        NOT NULL,
    prompt_tokens       integer     NOT NULL DEFAULT 0,
    completion_tokens   integer     NOT NULL DEFAULT 0,
    total_tokens        integer     NOT NULL DEFAULT 0,
    latency_ms          integer     NOT NULL DEFAULT 0,
    estimated_cost_usd  numeric(18, 8),
    metadata            jsonb       NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS mcp_query_audits (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id          text        DEFAULT '',
    tenant_id       text        NOT NULL DEFAULT '',
    request_id      text        NOT NULL DEFAULT '',
    connector       text        NOT NULL DEFAULT '',
    operation       text        NOT NULL DEFAULT '',
    statement_hash  text,
    decision        text        NOT NULL DEFAULT 'allowed',
    policies        jsonb       NOT NULL DEFAULT '[]',
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS daily_usage (
    org_id       text        DEFAULT '',
    tenant_id    text        NOT NULL DEFAULT '',
    usage_date   date        NOT NULL,
    event_count  bigint      NOT NULL DEFAULT 0,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS execution_history (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id          text        DEFAULT '',
    tenant_id       text        NOT NULL DEFAULT '',
    request_id      text        NOT NULL DEFAULT '',
    execution_type  text        NOT NULL DEFAULT '',
    status          text        NOT NULL DEFAULT 'pending',
    started_at      timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    total_tokens    integer     NOT NULL DEFAULT 0,
    cost_usd        numeric(18, 8),
    details         jsonb       NOT NULL DEFAULT '{}'
);

CREATE TABLE IF NOT EXISTS service_identities (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id        text        DEFAULT '',
    tenant_id     text        NOT NULL DEFAULT '',
    service_name  text        NOT NULL,
    service_type  text        NOT NULL DEFAULT 'backend-service',
    permissions   text[]      NOT NULL DEFAULT '{}',
    key_hash      bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz
);

CREATE TABLE IF NOT EXISTS agent_audit_logs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id       text        DEFAULT '',
    tenant_id    text        NOT NULL DEFAULT '',
    action       text        NOT NULL,
    resource     text        NOT NULL DEFAULT '',
    details      jsonb       NOT NULL DEFAULT '{}',
    "timestamp"  timestamptz NOT NULL DEFAULT now()
);
