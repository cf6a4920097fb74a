-- Core data: facilities, users, sessions, people and their profile, contacts, personalised plans.

CREATE TABLE facility (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('ehpad', 'day_care', 'ssiad')),
  finess      char(9) NOT NULL UNIQUE CHECK (finess ~ '^[0-9]{2}[0-9AB][0-9]{6}$'),
  address     text,
  capacity    integer CHECK (capacity > 0),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id          uuid REFERENCES facility(id),
  email                text NOT NULL,
  password_hash        text NOT NULL,
  first_name           text NOT NULL,
  last_name            text NOT NULL,
  role                 text NOT NULL CHECK (role IN ('director', 'head_of_care', 'coordination_nurse', 'nurse',
                         'care_assistant', 'activity_leader', 'physician', 'secretary', 'user_representative', 'relative')),
  qualification        text,
  active               boolean NOT NULL DEFAULT true,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  created_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (role = 'relative' OR facility_id IS NOT NULL)
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email));
CREATE INDEX app_user_facility_idx ON app_user (facility_id, role);

CREATE TABLE user_session (
  id            text PRIMARY KEY,               -- sha256 of the cookie token; the token itself is never stored
  user_id       uuid NOT NULL REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

CREATE TABLE person (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id      uuid NOT NULL REFERENCES facility(id),
  first_name       text NOT NULL,
  last_name        text NOT NULL,
  birth_name       text,
  birth_date       date NOT NULL,
  sex              text NOT NULL CHECK (sex IN ('F', 'M')),
  ins              text UNIQUE,
  room             text,
  address          text,
  attendance_days  text[] NOT NULL DEFAULT '{}',
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'temporarily_absent', 'discharged', 'deceased')),
  admission_date   date NOT NULL,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_facility_idx ON person (facility_id, last_name, first_name);

CREATE TABLE person_profile (
  person_id   uuid PRIMARY KEY REFERENCES person(id),
  life_story  text NOT NULL DEFAULT '',
  interests   text[] NOT NULL DEFAULT '{}',
  habits      text NOT NULL DEFAULT '',
  dislikes    text[] NOT NULL DEFAULT '{}',
  languages   text[] NOT NULL DEFAULT '{français}',
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Capacities are kept as a dated history: a new assessment adds a row.
CREATE TABLE capacity_assessment (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id    uuid NOT NULL REFERENCES person(id),
  domain       text NOT NULL CHECK (domain IN ('mobility', 'vision', 'hearing', 'cognition')),
  level        smallint NOT NULL CHECK (level BETWEEN 0 AND 3),
  note         text,
  assessed_on  date NOT NULL,
  recorded_by  uuid REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX capacity_person_idx ON capacity_assessment (person_id, domain, assessed_on DESC);

CREATE TABLE contact (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id                 uuid NOT NULL REFERENCES person(id),
  first_name                text NOT NULL,
  last_name                 text NOT NULL,
  relationship              text NOT NULL,
  phone                     text,
  email                     text,
  is_legal_representative   boolean NOT NULL DEFAULT false,
  is_trusted_person         boolean NOT NULL DEFAULT false,
  user_id                   uuid REFERENCES app_user(id),   -- the relative's account, when they have one
  created_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_person_idx ON contact (person_id);
CREATE INDEX contact_user_idx ON contact (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE care_plan (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id         uuid NOT NULL REFERENCES person(id),
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  start_date        date NOT NULL,
  review_date       date NOT NULL,
  person_agreement  text NOT NULL DEFAULT 'pending' CHECK (person_agreement IN ('pending', 'agreed', 'partially_agreed', 'refused')),
  agreement_note    text,
  created_by        uuid REFERENCES app_user(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (review_date > start_date)
);
CREATE UNIQUE INDEX care_plan_one_active ON care_plan (person_id) WHERE status = 'active';

CREATE TABLE goal (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  care_plan_id  uuid NOT NULL REFERENCES care_plan(id),
  position      integer NOT NULL,
  title         text NOT NULL,
  description   text,
  domain        text NOT NULL,
  target_date   date,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'achieved', 'dropped')),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX goal_plan_idx ON goal (care_plan_id, position);
