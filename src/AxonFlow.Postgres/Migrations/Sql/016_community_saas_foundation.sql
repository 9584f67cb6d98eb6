-- Community SaaS foundation: the registered tenant, its Pro licenses, the email outbox and the erasure ledger.
-- In Community SaaS each registered customer is its own organization: org_id = client_id = tenant id (cs_<uuid>).
-- Org data (tenants, licenses, outbox) is ENABLE + FORCE RLS with the nullif policy and indexes leading with org_id.
-- Work that starts before the org is known (per-email counts) goes through SECURITY DEFINER functions owned by
-- axonflow_auth_definer; cross-org workers (outbox delivery, sweep) use the platform-admin pool.

-- One row per registered tenant. The email is kept only when the registrant opted into recovery; email_hash is the
-- keyed hash of the normalised address, so "tenants per email" is answered without reading any address.
CREATE TABLE community_saas_tenants (
    org_id              text        PRIMARY KEY CHECK (org_id <> ''),
    label               text        NOT NULL DEFAULT '' CHECK (length(label) <= 255),
    email               text,
    email_hash          bytea,
    recovery_opt_in     boolean     NOT NULL DEFAULT false,
    stripe_customer_id  text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz NOT NULL,
    CONSTRAINT community_saas_tenants_email_pair CHECK ((email IS NULL) = (email_hash IS NULL)),
    CONSTRAINT community_saas_tenants_recovery_needs_email CHECK (NOT recovery_opt_in OR email IS NOT NULL)
);
CREATE INDEX community_saas_tenants_email_hash_idx ON community_saas_tenants (email_hash) WHERE email_hash IS NOT NULL;

ALTER TABLE community_saas_tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE community_saas_tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY community_saas_tenants_org_isolation ON community_saas_tenants FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

-- A paid (or granted) plugin license held by a tenant. license_token is the exact token minted, so a replayed Stripe
-- event returns it byte for byte; issued_at is the value the token signs. A checkout session mints at most one.
CREATE TABLE plugin_user_licenses (
    id                        uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id                    text        NOT NULL CHECK (org_id <> ''),
    tenant_id                 text        NOT NULL CHECK (tenant_id <> ''),
    jti                       text        NOT NULL CHECK (length(jti) BETWEEN 1 AND 128),
    tier                      text        NOT NULL DEFAULT 'pro' CHECK (tier IN ('pro', 'premium')),
    license_token             text        NOT NULL,
    stripe_session_id         text,
    stripe_payment_intent_id  text,
    stripe_customer_id        text,
    issued_at                 timestamptz NOT NULL,
    expires_at                timestamptz NOT NULL,
    revoked_at                timestamptz,
    revoke_reason             text,
    created_at                timestamptz NOT NULL DEFAULT now()
);
-- Global keys: a jti and a checkout session id are random, so the uniqueness check reveals nothing guessable (seed 000,
-- security-notes 0.4); every lookup is by (org_id, ...).
CREATE UNIQUE INDEX plugin_user_licenses_jti_key ON plugin_user_licenses (jti);
CREATE UNIQUE INDEX plugin_user_licenses_stripe_session_key ON plugin_user_licenses (stripe_session_id) WHERE stripe_session_id IS NOT NULL;
CREATE INDEX plugin_user_licenses_org_tenant_idx ON plugin_user_licenses (org_id, tenant_id, expires_at);
CREATE INDEX plugin_user_licenses_payment_intent_idx ON plugin_user_licenses (stripe_payment_intent_id) WHERE stripe_payment_intent_id IS NOT NULL;

ALTER TABLE plugin_user_licenses ENABLE ROW LEVEL SECURITY;
ALTER TABLE plugin_user_licenses FORCE ROW LEVEL SECURITY;
CREATE POLICY plugin_user_licenses_org_isolation ON plugin_user_licenses FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

-- Transactional outbox: a feature writes its message in the same transaction as the change it reports (a minted
-- token, a recovery link, an erasure confirmation), so a delivery failure can never lose the change or the message.
-- A delivery worker sends pending rows and clears the bodies once sent (they may carry single-use tokens).
CREATE TABLE email_outbox (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id           text        NOT NULL CHECK (org_id <> ''),
    kind             text        NOT NULL CHECK (kind <> ''),
    recipient        text        NOT NULL CHECK (recipient <> ''),
    subject          text        NOT NULL,
    body_text        text,
    body_html        text,
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz
);
CREATE INDEX email_outbox_org_created_idx ON email_outbox (org_id, created_at);
CREATE INDEX email_outbox_pending_idx ON email_outbox (next_attempt_at) WHERE status = 'pending';

ALTER TABLE email_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE email_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY email_outbox_org_isolation ON email_outbox FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

GRANT SELECT, INSERT, UPDATE, DELETE ON community_saas_tenants, plugin_user_licenses, email_outbox
    TO axonflow_app_role, axonflow_platform_admin;

-- The erasure ledger (GDPR Art. 5(2), 17): proof that a subject was erased, without personal data — a keyed hash of the
-- subject identifier, when, what was erased, and by whom. Global (the org it names is gone) and append-only: no
-- runtime role may UPDATE, DELETE or TRUNCATE it, and a trigger refuses those for anyone else too.
CREATE TABLE deletion_log (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject_hash  bytea       NOT NULL,
    subject_kind  text        NOT NULL CHECK (subject_kind <> ''),
    scope         jsonb       NOT NULL DEFAULT '{}',
    actor         text        NOT NULL CHECK (actor <> ''),
    deleted_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deletion_log_subject_idx ON deletion_log (subject_hash);

CREATE OR REPLACE FUNCTION deletion_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
    RAISE EXCEPTION 'deletion_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER deletion_log_no_update_or_delete BEFORE UPDATE OR DELETE ON deletion_log
    FOR EACH ROW EXECUTE FUNCTION deletion_log_refuse_change();
CREATE TRIGGER deletion_log_no_truncate BEFORE TRUNCATE ON deletion_log
    FOR EACH STATEMENT EXECUTE FUNCTION deletion_log_refuse_change();

REVOKE ALL ON deletion_log FROM PUBLIC;
GRANT SELECT, INSERT ON deletion_log TO axonflow_app_role, axonflow_platform_admin;

-- Registration and recovery: how many unexpired tenants an email already holds, across orgs, by its keyed hash.
GRANT SELECT (org_id, email_hash, created_at, expires_at) ON community_saas_tenants TO axonflow_auth_definer;
CREATE OR REPLACE FUNCTION csaas_active_tenants_for_email(p_email_hash bytea, p_now timestamptz)
RETURNS TABLE (org_id text, expires_at timestamptz)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
    SELECT t.org_id, t.expires_at
    FROM public.community_saas_tenants AS t
    WHERE t.email_hash = p_email_hash AND t.expires_at > p_now
    ORDER BY t.created_at DESC, t.org_id
$$;
ALTER FUNCTION csaas_active_tenants_for_email(bytea, timestamptz) OWNER TO axonflow_auth_definer;
REVOKE ALL ON FUNCTION csaas_active_tenants_for_email(bytea, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION csaas_active_tenants_for_email(bytea, timestamptz) TO axonflow_app_role;
