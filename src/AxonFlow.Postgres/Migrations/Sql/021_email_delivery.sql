-- Email delivery from the outbox (docs/email.md). Every node's delivery worker LISTENs on axonflow_email_outbox, so a
-- message queued on any node is sent promptly instead of at the next poll; the payload is empty (the worker claims due
-- rows itself, and a notification never carries a recipient or a body).
-- sender: the From a feature asks for (the billing from-address); null means the deployment's configured From.
-- provider_message_id: the Message-Id (SMTP) or the provider's id (Resend) of the accepted message, for troubleshooting.
ALTER TABLE email_outbox ADD COLUMN sender text CHECK (sender IS NULL OR sender <> '');
ALTER TABLE email_outbox ADD COLUMN provider_message_id text;

CREATE OR REPLACE FUNCTION email_outbox_notify() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
    PERFORM pg_notify('axonflow_email_outbox', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER email_outbox_notify_on_insert AFTER INSERT ON email_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION email_outbox_notify();
