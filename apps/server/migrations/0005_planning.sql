-- Weekly activity planning: rooms, activity leaders' skills and hours, booked appointments, planner
-- runs (instance + result, each the subject of one proposal), the sessions a decided plan publishes,
-- their invitations, and attendance with engagement.

CREATE TABLE room (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id  uuid NOT NULL REFERENCES facility(id),
  name         text NOT NULL,
  type         text NOT NULL,
  capacity     integer NOT NULL CHECK (capacity BETWEEN 1 AND 500),
  active       boolean NOT NULL DEFAULT true,
  UNIQUE (facility_id, name)
);

CREATE TABLE leader_profile (
  user_id       uuid PRIMARY KEY REFERENCES app_user(id),
  facility_id   uuid NOT NULL REFERENCES facility(id),
  skills        text[] NOT NULL DEFAULT '{}',
  weekdays      text[] NOT NULL DEFAULT '{}',
  day_start     text NOT NULL CHECK (day_start ~ '^[0-2][0-9]:[0-5][0-9]$'),
  day_end       text NOT NULL CHECK (day_end ~ '^[0-2][0-9]:[0-5][0-9]$'),
  max_sessions  integer NOT NULL DEFAULT 10 CHECK (max_sessions BETWEEN 0 AND 100)
);

CREATE TABLE appointment (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id  uuid NOT NULL REFERENCES facility(id),
  person_id    uuid NOT NULL REFERENCES person(id),
  starts_at    timestamp NOT NULL,
  ends_at      timestamp NOT NULL CHECK (ends_at > starts_at),
  label        text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointment_person_idx ON appointment (person_id, starts_at);

CREATE TABLE plan_run (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id  uuid NOT NULL REFERENCES facility(id),
  week         date NOT NULL,
  instance     jsonb NOT NULL,
  result       jsonb NOT NULL,
  created_by   uuid REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX plan_run_week_idx ON plan_run (facility_id, week, created_at DESC);

CREATE TABLE activity_session (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id  uuid NOT NULL REFERENCES facility(id),
  plan_run_id  uuid NOT NULL REFERENCES plan_run(id),
  activity_id  uuid NOT NULL REFERENCES activity(id),
  day          date NOT NULL,
  start_time   text NOT NULL,
  end_time     text NOT NULL,
  room_id      uuid NOT NULL REFERENCES room(id),
  leader_id    uuid NOT NULL REFERENCES app_user(id),
  status       text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_session_day_idx ON activity_session (facility_id, day);

CREATE TABLE session_invitation (
  session_id  uuid NOT NULL REFERENCES activity_session(id),
  person_id   uuid NOT NULL REFERENCES person(id),
  PRIMARY KEY (session_id, person_id)
);
CREATE INDEX session_invitation_person_idx ON session_invitation (person_id);

CREATE TABLE session_attendance (
  session_id   uuid NOT NULL REFERENCES activity_session(id),
  person_id    uuid NOT NULL REFERENCES person(id),
  status       text NOT NULL CHECK (status IN ('present', 'absent', 'declined')),
  engagement   integer CHECK (engagement BETWEEN 0 AND 3),
  mood_before  integer CHECK (mood_before BETWEEN 1 AND 5),
  mood_after   integer CHECK (mood_after BETWEEN 1 AND 5),
  note         text CHECK (length(note) <= 500),
  recorded_by  uuid NOT NULL REFERENCES app_user(id),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, person_id),
  CHECK (status = 'present' OR engagement IS NULL)
);
CREATE INDEX session_attendance_person_idx ON session_attendance (person_id);
