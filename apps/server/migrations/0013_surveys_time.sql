-- Voice of users (part 2): perception surveys (campaigns of a shipped questionnaire template, responses with the AI
-- feature versions in use when answered, open answers grouped by theme), human-contact time and administrative time
-- measured in the tool (the time given back).

CREATE TABLE survey_campaign (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id       uuid NOT NULL REFERENCES facility(id),
  template_slug     text NOT NULL,
  template_version  text NOT NULL,
  audience          text NOT NULL CHECK (audience IN ('residents', 'relatives', 'staff')),
  title             text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  opens_on          date NOT NULL,
  closes_on         date NOT NULL CHECK (closes_on >= opens_on),
  anonymous         boolean NOT NULL,
  reminder_days     integer[] NOT NULL DEFAULT '{}',
  closed_at         timestamptz,
  created_by        uuid NOT NULL REFERENCES app_user(id),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_campaign_facility_idx ON survey_campaign (facility_id, opens_on DESC);

CREATE TABLE survey_response (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id     uuid NOT NULL REFERENCES survey_campaign(id),
  -- named campaigns only: 'person:<uuid>' or 'user:<uuid>'; one response per respondent and campaign
  respondent_key  text,
  channel         text NOT NULL CHECK (channel IN ('tablet', 'web', 'paper')),
  entered_by      uuid NOT NULL REFERENCES app_user(id),
  submitted_at    timestamptz NOT NULL DEFAULT now(),
  -- the facility's AI features and their versions when the answer was given: {slug: engine_version}
  features        jsonb NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX survey_response_once ON survey_response (campaign_id, respondent_key) WHERE respondent_key IS NOT NULL;
CREATE INDEX survey_response_campaign_idx ON survey_response (campaign_id, submitted_at);

CREATE TABLE survey_answer (
  response_id  uuid NOT NULL REFERENCES survey_response(id),
  question_id  text NOT NULL,
  point        integer CHECK (point BETWEEN 1 AND 5),
  text         text CHECK (length(text) <= 2000),
  PRIMARY KEY (response_id, question_id),
  CHECK ((point IS NULL) <> (text IS NULL))
);

-- Themes of an open question's answers: proposed from word lists, renamed and added by staff.
CREATE TABLE survey_theme (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id  uuid NOT NULL REFERENCES survey_campaign(id),
  question_id  text NOT NULL,
  label        text NOT NULL CHECK (length(label) BETWEEN 2 AND 80),
  lexicon_key  text,
  created_by   uuid REFERENCES app_user(id),
  UNIQUE (campaign_id, question_id, label)
);

CREATE TABLE survey_answer_theme (
  response_id  uuid NOT NULL,
  question_id  text NOT NULL,
  theme_id     uuid NOT NULL REFERENCES survey_theme(id),
  -- the word that placed it there, or null when a person placed it
  matched      text,
  assigned_by  uuid REFERENCES app_user(id),
  PRIMARY KEY (response_id, question_id),
  FOREIGN KEY (response_id, question_id) REFERENCES survey_answer(response_id, question_id)
);

-- Survey reminders go through the same outbox as appointment reminders and alert escalations.
ALTER TABLE reminder ADD COLUMN campaign_id uuid REFERENCES survey_campaign(id);
ALTER TABLE reminder DROP CONSTRAINT reminder_subject_one;
ALTER TABLE reminder ADD CONSTRAINT reminder_subject_one CHECK (num_nonnulls(appointment_id, alert_id, campaign_id) = 1);
CREATE TABLE survey_reminder_run (
  campaign_id  uuid NOT NULL REFERENCES survey_campaign(id),
  due_on       date NOT NULL,
  sent_at      timestamptz NOT NULL DEFAULT now(),
  recipients   integer NOT NULL,
  PRIMARY KEY (campaign_id, due_on)
);

-- Human contact entered by staff (individual moments, family meetings); led sessions and actions after alerts are
-- counted from their own records.
CREATE TABLE contact_time (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id  uuid NOT NULL REFERENCES facility(id),
  user_id      uuid NOT NULL REFERENCES app_user(id),
  person_id    uuid REFERENCES person(id),
  kind         text NOT NULL CHECK (kind IN ('individual_moment', 'family_meeting', 'other')),
  at           timestamptz NOT NULL,
  minutes      integer NOT NULL CHECK (minutes BETWEEN 1 AND 480),
  note         text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_time_facility_idx ON contact_time (facility_id, at);
ALTER TABLE tm_action ADD COLUMN minutes integer CHECK (minutes BETWEEN 1 AND 480);

-- Administrative work timed by the app: building a weekly plan or a roster, writing a note; with or without the assistant.
CREATE TABLE admin_timing (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id     uuid NOT NULL REFERENCES facility(id),
  user_id         uuid NOT NULL REFERENCES app_user(id),
  task            text NOT NULL CHECK (task IN ('activity_plan', 'roster', 'care_note')),
  assisted        boolean NOT NULL,
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz NOT NULL,
  active_seconds  integer NOT NULL CHECK (active_seconds BETWEEN 1 AND 86400),
  subject_id      text
);
CREATE INDEX admin_timing_facility_idx ON admin_timing (facility_id, finished_at);

-- The review panel's sample and the equity figures look up each proposal's alert: without this index PostgreSQL
-- costs that lookup as a scan per proposal and spends more time compiling the query (JIT) than running it.
CREATE INDEX tm_alert_proposal_idx ON tm_alert (proposal_id);

-- A deterioration telemonitoring did not flag in time (hospitalisation, emergency, decompensation found otherwise),
-- recorded by the care team so the review panel sees the alerts dismissed before it and the events no rule caught.
CREATE TABLE tm_missed_event (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id  uuid NOT NULL REFERENCES facility(id),
  person_id    uuid NOT NULL REFERENCES person(id),
  occurred_at  timestamptz NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('hospitalisation', 'emergency', 'decompensation', 'other')),
  parameter    text,
  description  text NOT NULL CHECK (length(description) BETWEEN 3 AND 1000),
  recorded_by  uuid NOT NULL REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tm_missed_event_person_idx ON tm_missed_event (person_id, occurred_at);
CREATE INDEX tm_missed_event_facility_idx ON tm_missed_event (facility_id, occurred_at);
