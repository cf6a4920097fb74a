-- Assessments: a comment, and a due item closed without a scale (a weighing, a team review).
-- Appointments: kind, internal/external, place, transport, travel time, accompanying staff member, status,
-- the slot request (the subject of the slot-suggestion proposal), the person's routines, reminders (outbox).
-- Needs syntheses: the extractive summary of a period, its optional rewritten text, and its validation.

ALTER TABLE assessment ADD COLUMN comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000);
ALTER TABLE assessment_due ADD COLUMN done_note text;
ALTER TABLE assessment_due ADD COLUMN done_by uuid REFERENCES app_user(id);

ALTER TABLE appointment ADD COLUMN kind text NOT NULL DEFAULT 'consultation'
  CHECK (kind IN ('consultation', 'examination', 'dentist', 'hairdresser', 'pedicure', 'physiotherapy', 'family_visit', 'other'));
ALTER TABLE appointment ADD COLUMN setting text NOT NULL DEFAULT 'external' CHECK (setting IN ('internal', 'external'));
ALTER TABLE appointment ADD COLUMN location text NOT NULL DEFAULT '' CHECK (length(location) <= 200);
ALTER TABLE appointment ADD COLUMN transport text NOT NULL DEFAULT 'none'
  CHECK (transport IN ('none', 'ambulance', 'vsl', 'taxi', 'relative', 'facility_vehicle'));
ALTER TABLE appointment ADD COLUMN travel_minutes integer NOT NULL DEFAULT 0 CHECK (travel_minutes BETWEEN 0 AND 480);
ALTER TABLE appointment ADD COLUMN accompanied_by uuid REFERENCES app_user(id);
ALTER TABLE appointment ADD COLUMN notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000);
ALTER TABLE appointment ADD COLUMN status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled'));
ALTER TABLE appointment ADD COLUMN created_by uuid REFERENCES app_user(id);
ALTER TABLE appointment ADD COLUMN updated_at timestamptz;
ALTER TABLE appointment ADD COLUMN proposal_id uuid;
CREATE INDEX appointment_staff_idx ON appointment (accompanied_by, starts_at) WHERE accompanied_by IS NOT NULL;

-- What the person usually does at a given time (sieste, toilette, a daily phone call): appointments avoid it.
CREATE TABLE person_routine (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id  uuid NOT NULL REFERENCES facility(id),
  person_id    uuid NOT NULL REFERENCES person(id),
  label        text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
  days         text[] NOT NULL,
  start_time   time NOT NULL,
  end_time     time NOT NULL CHECK (end_time > start_time),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_routine_person_idx ON person_routine (person_id);

-- A request for slots: what the slot-suggestion proposal answers; the decision books the appointment.
CREATE TABLE appointment_request (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id      uuid NOT NULL REFERENCES facility(id),
  person_id        uuid NOT NULL REFERENCES person(id),
  request          jsonb NOT NULL,
  created_by       uuid NOT NULL REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  appointment_id   uuid REFERENCES appointment(id)
);

-- Reminders: written when an appointment is booked, sent by the outbox through the configured gateway;
-- without a gateway they stay here as 'stored', visible in the UI.
CREATE TABLE reminder (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id     uuid NOT NULL REFERENCES facility(id),
  appointment_id  uuid NOT NULL REFERENCES appointment(id),
  channel         text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient       text NOT NULL,
  address         text NOT NULL,
  send_at         timestamptz NOT NULL,
  subject         text NOT NULL,
  body            text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'stored', 'failed', 'cancelled')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  provider_id     text,
  sent_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reminder_due_idx ON reminder (status, send_at);
CREATE INDEX reminder_appointment_idx ON reminder (appointment_id);

CREATE TABLE needs_synthesis (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id    uuid NOT NULL REFERENCES facility(id),
  person_id      uuid NOT NULL REFERENCES person(id),
  period_from    date NOT NULL,
  period_to      date NOT NULL CHECK (period_to >= period_from),
  content        jsonb NOT NULL,
  rewritten      jsonb,
  created_by     uuid NOT NULL REFERENCES app_user(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  validated_at   timestamptz,
  validated_by   uuid REFERENCES app_user(id)
);
CREATE INDEX needs_synthesis_person_idx ON needs_synthesis (person_id, created_at DESC);
