-- Telemonitoring: enrolment in a programme with consent, the physician's per-person settings (versioned), devices
-- with their token, measurements (stored once per device + time + code), what was rejected and why, alerts (each
-- the subject of a proposal: triage is the decision) and the human actions taken on them.

CREATE TABLE tm_enrolment (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id    uuid NOT NULL REFERENCES facility(id),
  person_id      uuid NOT NULL REFERENCES person(id),
  programme      text NOT NULL CHECK (programme IN ('heart_failure', 'hypertension', 'diabetes', 'copd')),
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  consent_at     timestamptz NOT NULL,
  consent_from   text NOT NULL CHECK (consent_from IN ('person', 'legal_representative')),
  consent_note   text NOT NULL DEFAULT '' CHECK (length(consent_note) <= 1000),
  recorded_by    uuid NOT NULL REFERENCES app_user(id),
  started_at     timestamptz NOT NULL DEFAULT now(),
  ended_at       timestamptz
);
CREATE UNIQUE INDEX tm_enrolment_active ON tm_enrolment (person_id, programme) WHERE status = 'active';

-- References (e.g. dry weight) and rule overrides, one row per version: who set them, when, why.
CREATE TABLE tm_setting (
  enrolment_id   uuid NOT NULL REFERENCES tm_enrolment(id),
  version        integer NOT NULL,
  refs           jsonb NOT NULL DEFAULT '{}',
  overrides      jsonb NOT NULL DEFAULT '[]',
  disabled       text[] NOT NULL DEFAULT '{}',
  reason         text NOT NULL DEFAULT '',
  set_by         uuid NOT NULL REFERENCES app_user(id),
  set_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enrolment_id, version)
);

CREATE TABLE tm_device (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id    uuid NOT NULL REFERENCES facility(id),
  person_id      uuid NOT NULL REFERENCES person(id),
  label          text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
  token_hash     text NOT NULL UNIQUE,
  created_by     uuid NOT NULL REFERENCES app_user(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz
);

CREATE TABLE tm_measurement (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id    uuid NOT NULL REFERENCES facility(id),
  person_id      uuid NOT NULL REFERENCES person(id),
  parameter      text NOT NULL,
  value          double precision NOT NULL,
  at             timestamptz NOT NULL,
  source         text NOT NULL CHECK (source IN ('fhir', 'json', 'mqtt', 'manual')),
  device_id      uuid REFERENCES tm_device(id),
  recorded_by    uuid REFERENCES app_user(id),
  -- device (or manual entry by a person) + time + code: the same measurement sent again is stored once
  dedupe_key     text NOT NULL UNIQUE,
  received_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tm_measurement_person_idx ON tm_measurement (person_id, parameter, at);

CREATE TABLE tm_rejection (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id    uuid REFERENCES facility(id),
  device_id      uuid REFERENCES tm_device(id),
  source         text NOT NULL,
  reason         text NOT NULL,
  field          text,
  detail         jsonb NOT NULL DEFAULT '{}',
  received_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tm_rejection_facility_idx ON tm_rejection (facility_id, received_at DESC);

CREATE TABLE tm_alert (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id      uuid NOT NULL REFERENCES facility(id),
  person_id        uuid NOT NULL REFERENCES person(id),
  enrolment_id     uuid NOT NULL REFERENCES tm_enrolment(id),
  rule_id          text NOT NULL,
  kind             text NOT NULL,
  parameter        text NOT NULL,
  severity         text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  at               timestamptz NOT NULL,
  explanation      jsonb NOT NULL,
  rules_version    text NOT NULL,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'closed')),
  proposal_id      uuid,
  acknowledged_by  uuid REFERENCES app_user(id),
  acknowledged_at  timestamptz,
  outcome          text CHECK (outcome IN ('confirmed', 'false_alarm', 'no_action_needed')),
  closed_by        uuid REFERENCES app_user(id),
  closed_at        timestamptz,
  -- not acknowledged in time (per severity, tm_policy): raised to the head of care and physician
  escalated_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, rule_id, at)
);

-- A facility's triage policy: minutes before an unacknowledged alert escalates, per severity.
CREATE TABLE tm_policy (
  facility_id          uuid PRIMARY KEY REFERENCES facility(id),
  escalation_minutes   jsonb NOT NULL,
  updated_by           uuid REFERENCES app_user(id),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tm_alert_queue_idx ON tm_alert (facility_id, status, at);

-- What a professional did about an alert: a phone call, a visit… (human contact, counted as such).
CREATE TABLE tm_action (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alert_id   uuid NOT NULL REFERENCES tm_alert(id),
  kind       text NOT NULL CHECK (kind IN ('phone_call', 'visit', 'physician_informed', 'emergency_services', 'message')),
  note       text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  done_by    uuid NOT NULL REFERENCES app_user(id),
  done_at    timestamptz NOT NULL DEFAULT now()
);
