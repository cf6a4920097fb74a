-- Escalation of telemonitoring alerts outside the app: the facility's on-call contact (e-mail and/or mobile), and
-- the message itself goes through the same outbox as appointment reminders (so it is retried, and kept as 'stored'
-- when no gateway is configured). A message is tied to an appointment or to an alert, never both.
ALTER TABLE tm_policy ADD COLUMN notify_email text CHECK (notify_email IS NULL OR length(notify_email) BETWEEN 3 AND 254);
ALTER TABLE tm_policy ADD COLUMN notify_sms text CHECK (notify_sms IS NULL OR notify_sms ~ '^\+[1-9][0-9]{6,14}$');
ALTER TABLE reminder ALTER COLUMN appointment_id DROP NOT NULL;
ALTER TABLE reminder ADD COLUMN alert_id uuid REFERENCES tm_alert(id);
ALTER TABLE reminder ADD CONSTRAINT reminder_subject_one CHECK ((appointment_id IS NULL) <> (alert_id IS NULL));
CREATE INDEX reminder_alert_idx ON reminder (alert_id) WHERE alert_id IS NOT NULL;

-- Against alarm fatigue, per facility: no new alert of the same rule for a person within repeat_hours unless the
-- values get worse; an alert only when its condition still holds after delay_minutes. Per person: a rule paused
-- (snoozed) until a time, by whom and why.
ALTER TABLE tm_policy ADD COLUMN repeat_hours integer NOT NULL DEFAULT 72 CHECK (repeat_hours BETWEEN 0 AND 720);
ALTER TABLE tm_policy ADD COLUMN delay_minutes integer NOT NULL DEFAULT 0 CHECK (delay_minutes BETWEEN 0 AND 1440);
CREATE TABLE tm_snooze (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id   uuid NOT NULL REFERENCES person(id),
  rule_id     text NOT NULL,
  until       timestamptz NOT NULL,
  reason      text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  set_by      uuid NOT NULL REFERENCES app_user(id),
  set_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tm_snooze_person_idx ON tm_snooze (person_id, until);
