-- Stage 6: SECURITY DEFINER helpers for the auth-bootstrap window, when the caller's org is not known yet (seed 000).
-- FORCE RLS filters definer functions owned by the table owner, so they belong to axonflow_auth_definer (NOLOGIN,
-- BYPASSRLS). search_path is pinned; EXECUTE is granted to the app role only.

GRANT SELECT (id, org_id, client_id, secret_hash, created_at, expires_at, revoked_at, last_used_at), UPDATE (last_used_at) ON api_keys TO axonflow_auth_definer;

CREATE OR REPLACE FUNCTION auth_lookup_api_key(p_client_id text)
RETURNS TABLE (key_id uuid, org_id text, client_id text, secret_hash bytea, expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
    SELECT k.id, k.org_id, k.client_id, k.secret_hash, k.expires_at, k.revoked_at, k.last_used_at
    FROM public.api_keys AS k
    WHERE k.client_id = p_client_id
    ORDER BY k.created_at DESC
    LIMIT 16
$$;

-- last_used_at is advisory: it is written at most once a minute per credential so authentication stays a read.
CREATE OR REPLACE FUNCTION auth_touch_api_key(p_key_id uuid)
RETURNS void
LANGUAGE sql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
    UPDATE public.api_keys
    SET last_used_at = now()
    WHERE id = p_key_id
      AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
$$;

ALTER FUNCTION auth_lookup_api_key(text) OWNER TO axonflow_auth_definer;
ALTER FUNCTION auth_touch_api_key(uuid) OWNER TO axonflow_auth_definer;
REVOKE ALL ON FUNCTION auth_lookup_api_key(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION auth_touch_api_key(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_lookup_api_key(text) TO axonflow_app_role;
GRANT EXECUTE ON FUNCTION auth_touch_api_key(uuid) TO axonflow_app_role;
