-- Community SaaS credential recovery and GDPR erasure: the two single-use split tokens (selector in clear for the
-- lookup, HMAC-SHA256(pepper, kind || selector || verifier) at rest; never the verifier itself).

-- Recovery magic links. Global (no org_id): an email may hold several tenants across orgs and the link recovers all of
-- them, so the token belongs to the email, not to one org. It carries no personal data: email_hash is the keyed digest
-- the tenants table already stores, token_hash is useless without the pepper. Erasing a tenant deletes the rows of
-- its email digest.
CREATE TABLE csaas_recovery_tokens (
    selector    text        PRIMARY KEY CHECK (length(selector) BETWEEN 16 AND 64),
    email_hash  bytea       NOT NULL,
    token_hash  bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX csaas_recovery_tokens_email_hash_idx ON csaas_recovery_tokens (email_hash);
CREATE INDEX csaas_recovery_tokens_expires_idx ON csaas_recovery_tokens (expires_at);

-- Erasure confirmations: one tenant's, so org data (FORCE RLS, nullif policy, index leading with org_id). The erasure
-- deletes them with everything else of the org.
CREATE TABLE csaas_delete_tokens (
    selector    text        PRIMARY KEY CHECK (length(selector) BETWEEN 16 AND 64),
    org_id      text        NOT NULL CHECK (org_id <> ''),
    token_hash  bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX csaas_delete_tokens_org_created_idx ON csaas_delete_tokens (org_id, created_at);

ALTER TABLE csaas_delete_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE csaas_delete_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY csaas_delete_tokens_org_isolation ON csaas_delete_tokens FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

GRANT SELECT, INSERT, UPDATE, DELETE ON csaas_recovery_tokens, csaas_delete_tokens TO axonflow_app_role, axonflow_platform_admin;
