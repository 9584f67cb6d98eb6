-- Customer portal, part 2: per-org SSO settings and the bearer tokens of the SCIM 2.0 surface. Both are org data under
-- ENABLE + FORCE RLS. A SCIM request names no org, so its token is resolved by a SECURITY DEFINER function owned by
-- axonflow_auth_definer; everything after that runs in the token's org scope.

-- One row per org. config holds the validated, non-secret fields (SAML entityID / SSO URL / certificate, or the OIDC
-- issuer / client id / scopes); the OIDC client secret is stored only as AES-256-GCM ciphertext and never returned.
CREATE TABLE portal_sso_settings (
    org_id               text        PRIMARY KEY CHECK (org_id <> ''),
    protocol             text        NOT NULL CHECK (protocol IN ('saml', 'oidc')),
    enabled              boolean     NOT NULL DEFAULT false,
    config               jsonb       NOT NULL DEFAULT '{}',
    client_secret_cipher bytea,
    updated_by           text        NOT NULL DEFAULT '',
    updated_at           timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE portal_sso_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE portal_sso_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_sso_settings_org_isolation ON portal_sso_settings FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

-- The token itself is shown once at creation; token_hash is its keyed hash (random 256-bit values, so the unique index
-- reveals nothing). token_prefix tells tokens apart in listings.
CREATE TABLE scim_tokens (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        text        NOT NULL CHECK (org_id <> ''),
    token_hash    bytea       NOT NULL,
    token_prefix  text        NOT NULL DEFAULT '',
    label         text        NOT NULL DEFAULT '',
    created_by    text        NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
CREATE UNIQUE INDEX scim_tokens_token_hash_key ON scim_tokens (token_hash);
CREATE INDEX scim_tokens_org_created_idx ON scim_tokens (org_id, created_at DESC);

ALTER TABLE scim_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE scim_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY scim_tokens_org_isolation ON scim_tokens FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

GRANT SELECT, INSERT, UPDATE, DELETE ON portal_sso_settings, scim_tokens TO axonflow_app_role, axonflow_platform_admin;

GRANT SELECT (id, org_id, token_hash, expires_at, revoked_at, last_used_at) ON scim_tokens TO axonflow_auth_definer;

CREATE OR REPLACE FUNCTION auth_lookup_scim_token(p_token_hash bytea)
RETURNS TABLE (token_id uuid, org_id text, expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz, org_status text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
    SELECT t.id, t.org_id, t.expires_at, t.revoked_at, t.last_used_at, coalesce(o.status, 'active')
    FROM public.scim_tokens AS t
    LEFT JOIN public.organizations AS o ON o.org_id = t.org_id
    WHERE t.token_hash = p_token_hash
$$;

ALTER FUNCTION auth_lookup_scim_token(bytea) OWNER TO axonflow_auth_definer;
REVOKE ALL ON FUNCTION auth_lookup_scim_token(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_lookup_scim_token(bytea) TO axonflow_app_role;
