-- Nodes: one row per `axonflow serve` process, for the node limit and its monitor. The table is deployment-level, not
-- org data: it has no org_id and no RLS.
-- Privileges: the app role reads the non-secret columns and changes only its own row, through the SECURITY DEFINER
-- functions below; each checks the per-process secret whose SHA-256 the row keeps, so one node cannot heartbeat, revive
-- or stop another. The node monitor (platform-admin pool) marks stale rows and deletes old ones; it never inserts.

CREATE TABLE nodes (
    node_id            text        PRIMARY KEY,
    hostname           text        NOT NULL,
    version            text        NOT NULL,
    started_at         timestamptz NOT NULL,
    last_heartbeat_at  timestamptz NOT NULL,
    status             text        NOT NULL DEFAULT 'live',
    stopped_at         timestamptz,
    secret_hash        bytea       NOT NULL,
    CONSTRAINT nodes_status_check CHECK (status IN ('live', 'stale', 'stopped')),
    CONSTRAINT nodes_node_id_check CHECK (length(node_id) BETWEEN 1 AND 128),
    CONSTRAINT nodes_secret_hash_check CHECK (length(secret_hash) = 32)
);
CREATE INDEX nodes_status_heartbeat_idx ON nodes (status, last_heartbeat_at);

-- Migration 004's default privileges gave both runtime roles full DML on new tables; this table gets less.
REVOKE ALL ON nodes FROM axonflow_app_role, axonflow_platform_admin;
GRANT SELECT (node_id, hostname, version, started_at, last_heartbeat_at, status, stopped_at) ON nodes TO axonflow_app_role, axonflow_platform_admin;
GRANT UPDATE (status) ON nodes TO axonflow_platform_admin;
GRANT DELETE ON nodes TO axonflow_platform_admin;

GRANT SELECT (node_id, status, secret_hash),
      INSERT (node_id, hostname, version, started_at, last_heartbeat_at, status, secret_hash),
      UPDATE (last_heartbeat_at, status, stopped_at)
    ON nodes TO axonflow_auth_definer;

CREATE FUNCTION node_register(p_node_id text, p_hostname text, p_version text, p_secret bytea, p_at timestamptz)
RETURNS void
LANGUAGE sql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
    INSERT INTO public.nodes (node_id, hostname, version, started_at, last_heartbeat_at, status, secret_hash)
    VALUES (p_node_id, p_hostname, p_version, p_at, p_at, 'live', pg_catalog.sha256(p_secret))
$$;

-- A heartbeat also revives a row the monitor marked stale (a long pause, a network partition); a stopped row stays stopped.
CREATE FUNCTION node_heartbeat(p_node_id text, p_secret bytea, p_at timestamptz)
RETURNS boolean
LANGUAGE sql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
    WITH touched AS (
        UPDATE public.nodes
        SET last_heartbeat_at = p_at, status = 'live'
        WHERE node_id = p_node_id AND secret_hash = pg_catalog.sha256(p_secret) AND status <> 'stopped'
        RETURNING 1
    )
    SELECT count(*) > 0 FROM touched
$$;

CREATE FUNCTION node_stop(p_node_id text, p_secret bytea, p_at timestamptz)
RETURNS boolean
LANGUAGE sql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
    WITH stopped AS (
        UPDATE public.nodes
        SET status = 'stopped', stopped_at = p_at, last_heartbeat_at = p_at
        WHERE node_id = p_node_id AND secret_hash = pg_catalog.sha256(p_secret) AND status <> 'stopped'
        RETURNING 1
    )
    SELECT count(*) > 0 FROM stopped
$$;

ALTER FUNCTION node_register(text, text, text, bytea, timestamptz) OWNER TO axonflow_auth_definer;
ALTER FUNCTION node_heartbeat(text, bytea, timestamptz) OWNER TO axonflow_auth_definer;
ALTER FUNCTION node_stop(text, bytea, timestamptz) OWNER TO axonflow_auth_definer;
REVOKE ALL ON FUNCTION node_register(text, text, text, bytea, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION node_heartbeat(text, bytea, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION node_stop(text, bytea, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION node_register(text, text, text, bytea, timestamptz) TO axonflow_app_role;
GRANT EXECUTE ON FUNCTION node_heartbeat(text, bytea, timestamptz) TO axonflow_app_role;
GRANT EXECUTE ON FUNCTION node_stop(text, bytea, timestamptz) TO axonflow_app_role;
