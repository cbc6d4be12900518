-- E-mail headers the outbox adds when it sends a message: RFC 8058's List-Unsubscribe and
-- List-Unsubscribe-Post on the subprocessor register's subscriber e-mails
-- (modules/notifications/server/email.ts sends only the names it allows).
ALTER TABLE notification_emails ADD COLUMN headers JSONB;

-- "Was a confirmation queued to this address in the last minutes?" (the subscription
-- throttle) reads the outbox by address.
CREATE INDEX notification_emails_to_address_created_at_idx ON notification_emails (to_address, created_at);
