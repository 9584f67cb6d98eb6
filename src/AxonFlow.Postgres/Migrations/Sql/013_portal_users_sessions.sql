-- Customer portal: portal users (login email + Argon2id password hash, a role) and their server-side sessions.
-- Both tables are org data: ENABLE + FORCE RLS with the nullif policy, indexes leading with org_id.
-- A login email is unique across the deployment, compared case-insensitively: login names no org, so the email alone
-- must find the account (docs/portal.md, "Email uniqueness").
-- Login and cookie lookup happen before the org is known, so they go through SECURITY DEFINER functions owned by
-- axonflow_auth_definer (pinned search_path, EXECUTE for the app role only, column grants limited to what they read).

CREATE TABLE portal_users (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id         text        NOT NULL CHECK (org_id <> ''),
    email          text        NOT NULL CHECK (email <> ''),
    display_name   text        NOT NULL DEFAULT '',
    given_name     text,
    family_name    text,
    role           text        NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
    password_hash  text,
    active         boolean     NOT NULL DEFAULT true,
    external_id    text,
    source         text        NOT NULL DEFAULT 'operator' CHECK (source IN ('operator', 'scim')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    last_login_at  timestamptz
);
CREATE UNIQUE INDEX portal_users_email_key ON portal_users (lower(email));
CREATE UNIQUE INDEX portal_users_org_id_id_key ON portal_users (org_id, id);
CREATE INDEX portal_users_org_email_idx ON portal_users (org_id, lower(email));
CREATE UNIQUE INDEX portal_users_org_external_id_key ON portal_users (org_id, external_id) WHERE external_id IS NOT NULL;

ALTER TABLE portal_users ENABLE ROW LEVEL SECURITY;
ALTER TABLE portal_users FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_users_org_isolation ON portal_users FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

-- A session belongs to its user's org (the composite key makes a cross-org session row impossible) and goes with the user.
-- The cookie value is never stored: token_hash is the keyed hash of it. Times are written by the service's clock.
CREATE TABLE portal_sessions (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        text        NOT NULL,
    user_id       uuid        NOT NULL,
    token_hash    bytea       NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    CONSTRAINT portal_sessions_user_fkey FOREIGN KEY (org_id, user_id) REFERENCES portal_users (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX portal_sessions_token_hash_key ON portal_sessions (token_hash);
CREATE INDEX portal_sessions_org_user_idx ON portal_sessions (org_id, user_id);

ALTER TABLE portal_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE portal_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_sessions_org_isolation ON portal_sessions FOR ALL
    USING (org_id = nullif(current_setting('app.current_org_id', true), ''))
    WITH CHECK (org_id = nullif(current_setting('app.current_org_id', true), ''));

GRANT SELECT, INSERT, UPDATE, DELETE ON portal_users, portal_sessions TO axonflow_app_role, axonflow_platform_admin;

GRANT SELECT (id, org_id, email, role, password_hash, active) ON portal_users TO axonflow_auth_definer;
GRANT SELECT (id, org_id, user_id, token_hash, created_at, last_seen_at, expires_at) ON portal_sessions TO axonflow_auth_definer;
GRANT SELECT (org_id, status) ON organizations TO axonflow_auth_definer;

-- Login: the account an email names, whatever its org. Verification happens in the service (Argon2id).
CREATE OR REPLACE FUNCTION auth_lookup_portal_user(p_email text)
RETURNS TABLE (user_id uuid, org_id text, password_hash text, active boolean, org_status text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
    SELECT u.id, u.org_id, u.password_hash, u.active, coalesce(o.status, 'active')
    FROM public.portal_users AS u
    LEFT JOIN public.organizations AS o ON o.org_id = u.org_id
    WHERE lower(u.email) = lower(p_email)
    LIMIT 1
$$;

-- Cookie: the session a token hash names, with what authorisation needs on every request.
CREATE OR REPLACE FUNCTION auth_lookup_portal_session(p_token_hash bytea)
RETURNS TABLE (session_id uuid, org_id text, user_id uuid, email text, role text, user_active boolean, org_status text,
               created_at timestamptz, last_seen_at timestamptz, expires_at timestamptz)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
    SELECT s.id, s.org_id, s.user_id, u.email, u.role, u.active, coalesce(o.status, 'active'),
           s.created_at, s.last_seen_at, s.expires_at
    FROM public.portal_sessions AS s
    JOIN public.portal_users AS u ON u.org_id = s.org_id AND u.id = s.user_id
    LEFT JOIN public.organizations AS o ON o.org_id = s.org_id
    WHERE s.token_hash = p_token_hash
$$;

ALTER FUNCTION auth_lookup_portal_user(text) OWNER TO axonflow_auth_definer;
ALTER FUNCTION auth_lookup_portal_session(bytea) OWNER TO axonflow_auth_definer;
REVOKE ALL ON FUNCTION auth_lookup_portal_user(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION auth_lookup_portal_session(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_lookup_portal_user(text) TO axonflow_app_role;
GRANT EXECUTE ON FUNCTION auth_lookup_portal_session(bytea) TO axonflow_app_role;
