-- Admin API and credential lifecycle. Two SECURITY DEFINER helpers join the auth-bootstrap family (owned by
-- axonflow_auth_definer, search_path pinned, EXECUTE for the app role only):
--   auth_lookup_api_key_v2  the v1 lookup plus the owning organization's status, so a suspended org's credentials stop
--                           authenticating on the next request; usable rows come first so rotation history cannot crowd them out
--   auth_claim_client_id    client ids are global (authentication looks them up across orgs); inside an org scope this
--                           serialises issuers of one client id until commit and says whether another org already holds it
-- auth_lookup_api_key (v1) stays for nodes still running the previous release during a rolling upgrade.

GRANT SELECT (org_id, status) ON organizations TO axonflow_auth_definer;

CREATE FUNCTION auth_lookup_api_key_v2(p_client_id text)
RETURNS TABLE (key_id uuid, org_id text, client_id text, secret_hash bytea, expires_at timestamptz, revoked_at timestamptz, last_used_at timestamptz, org_status text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
    SELECT k.id, k.org_id, k.client_id, k.secret_hash, k.expires_at, k.revoked_at, k.last_used_at, o.status
    FROM public.api_keys AS k
    LEFT JOIN public.organizations AS o ON o.org_id = k.org_id
    WHERE k.client_id = p_client_id
    ORDER BY (k.revoked_at IS NULL) DESC, k.created_at DESC
    LIMIT 16
$$;

CREATE FUNCTION auth_claim_client_id(p_client_id text)
RETURNS boolean
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    scope_org text := nullif(current_setting('app.current_org_id', true), '');
BEGIN
    IF scope_org IS NULL THEN
        RAISE EXCEPTION 'auth_claim_client_id runs only inside an org scope' USING ERRCODE = '42501';
    END IF;

    -- Held until the calling transaction ends, so a concurrent issuer of the same id waits and then sees this one's row.
    PERFORM pg_advisory_xact_lock(hashtextextended('axonflow.client_id:' || p_client_id, 0));
    RETURN NOT EXISTS (SELECT 1 FROM public.api_keys AS k WHERE k.client_id = p_client_id AND k.org_id <> scope_org);
END
$$;

ALTER FUNCTION auth_lookup_api_key_v2(text) OWNER TO axonflow_auth_definer;
ALTER FUNCTION auth_claim_client_id(text) OWNER TO axonflow_auth_definer;
REVOKE ALL ON FUNCTION auth_lookup_api_key_v2(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION auth_claim_client_id(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_lookup_api_key_v2(text) TO axonflow_app_role;
GRANT EXECUTE ON FUNCTION auth_claim_client_id(text) TO axonflow_app_role;

-- Lookup by client id (every request) and the ownership check read every row of a client id, revoked or not; the
-- partial index of migration 003 covers only unrevoked rows.
CREATE INDEX api_keys_client_created_idx ON api_keys (client_id, created_at DESC);
