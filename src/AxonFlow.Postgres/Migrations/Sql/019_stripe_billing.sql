-- Paid Pro tier via Stripe (docs/billing.md): the webhook's event inbox, the refunds it has seen, and the lookup that
-- finds a license by its payment intent before the org is known.
--
-- Both tables are global (no org_id, no RLS), on purpose: a delivery is identified (and de-duplicated) before anything
-- tells us which org it concerns — a charge.refunded event names a payment intent, not a tenant — and neither holds
-- customer data: Stripe's own random ids (evt_…, pi_…, ch_…), an event type and times. Request traffic (the app role)
-- writes them inside the same transaction as the license it mints or revokes, so the inbox row and its effect commit
-- together or not at all.

-- One row per Stripe event id that was acted on; a second delivery of the same id is a no-op.
CREATE TABLE stripe_events (
    event_id      text        PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 255),
    type          text        NOT NULL CHECK (length(type) BETWEEN 1 AND 255),
    object_id     text,
    received_at   timestamptz NOT NULL,
    processed_at  timestamptz
);

-- A full refund inside the revocation window, keyed by payment intent. Kept so a refund that arrives before its
-- checkout event (Stripe does not order deliveries) still ends with the license revoked when that event comes.
CREATE TABLE stripe_refunds (
    payment_intent_id  text        PRIMARY KEY CHECK (length(payment_intent_id) BETWEEN 1 AND 255),
    charge_id          text,
    event_id           text        NOT NULL,
    refunded_at        timestamptz NOT NULL,
    recorded_at        timestamptz NOT NULL
);

REVOKE ALL ON stripe_events, stripe_refunds FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON stripe_events, stripe_refunds TO axonflow_app_role, axonflow_platform_admin;

-- charge.refunded names a payment intent; the license it paid for may sit in any org. This returns only the org (and
-- the jti, for the denylist) — the caller then revokes inside that org's scope with the app role.
GRANT SELECT (org_id, jti, stripe_payment_intent_id) ON plugin_user_licenses TO axonflow_auth_definer;
CREATE OR REPLACE FUNCTION billing_licenses_for_payment_intent(p_payment_intent_id text)
RETURNS TABLE (org_id text, jti text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
    SELECT l.org_id, l.jti
    FROM public.plugin_user_licenses AS l
    WHERE l.stripe_payment_intent_id = p_payment_intent_id
    ORDER BY l.org_id, l.jti
$$;
ALTER FUNCTION billing_licenses_for_payment_intent(text) OWNER TO axonflow_auth_definer;
REVOKE ALL ON FUNCTION billing_licenses_for_payment_intent(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION billing_licenses_for_payment_intent(text) TO axonflow_app_role;
