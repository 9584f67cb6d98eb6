-- Licensing: a global denylist of revoked license tokens, by jti (the token's unique id). A jti names a token, not a
-- customer's rows, so this table carries no org_id and no RLS. Request traffic may only read it: a revocation is
-- written by the schema owner or the platform admin, and the X-License-Token check reads it on every request
-- (no cache), so a revocation applies on the next request on every node.
CREATE TABLE revoked_license_tokens (
    jti        text        PRIMARY KEY CHECK (length(jti) BETWEEN 1 AND 128),
    reason     text        NOT NULL DEFAULT '',
    revoked_at timestamptz NOT NULL DEFAULT now()
);

REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON revoked_license_tokens FROM axonflow_app_role;
GRANT SELECT ON revoked_license_tokens TO axonflow_app_role;
