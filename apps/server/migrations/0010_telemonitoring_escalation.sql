-- Escalation of telemonitoring alerts outside the app: the facility's on-call contact (e-mail and/or mobile), and
-- the message itself goes through the same outbox as appointment reminders (so it is retried, and kept as 'stored'
-- when no gateway is configured). A message is tied to an appointment or to an alert, never both.
ALTER TABLE tm_policy ADD COLUMN notify_email text CHECK (notify_email IS NULL OR length(notify_email) BETWEEN 3 AND 254);
ALTER TABLE tm_policy ADD COLUMN notify_sms text CHECK (notify_sms IS NULL OR notify_sms ~ '^\+[1-9][0-9]{6,14}$');
ALTER TABLE reminder ALTER COLUMN appointment_id DROP NOT NULL;
ALTER TABLE reminder ADD COLUMN alert_id uuid REFERENCES tm_alert(id);
ALTER TABLE reminder ADD CONSTRAINT reminder_subject_one CHECK ((appointment_id IS NULL) <> (alert_id IS NULL));
CREATE INDEX reminder_alert_idx ON reminder (alert_id) WHERE alert_id IS NOT NULL;
