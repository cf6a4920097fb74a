-- Staff rostering: each facility's shift patterns, cover and working-time rules; staff contracts (weekly hours,
-- qualifications, night staff); staff requests (a shift wanted, a day or shift not wanted, leave); solver runs (the
-- care-team setting they solved and the result, each the subject of one proposal); and the shifts a decided roster
-- publishes.

CREATE TABLE roster_setting (
  facility_id  uuid PRIMARY KEY REFERENCES facility(id),
  shifts       jsonb NOT NULL,
  coverage     jsonb NOT NULL,
  rules        jsonb NOT NULL,
  updated_by   uuid REFERENCES app_user(id),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE roster_contract (
  user_id         uuid PRIMARY KEY REFERENCES app_user(id),
  facility_id     uuid NOT NULL REFERENCES facility(id),
  weekly_minutes  integer NOT NULL CHECK (weekly_minutes BETWEEN 0 AND 2880),
  qualifications  text[] NOT NULL DEFAULT '{}',
  night_staff     boolean NOT NULL DEFAULT false,
  active          boolean NOT NULL DEFAULT true,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX roster_contract_facility_idx ON roster_contract (facility_id);

CREATE TABLE roster_request (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id  uuid NOT NULL REFERENCES facility(id),
  user_id      uuid NOT NULL REFERENCES app_user(id),
  day          date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('on', 'off', 'leave')),
  shift        text,
  weight       integer NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 3),
  note         text NOT NULL DEFAULT '',
  -- leave is hard once approved by the head of care; until then it is planned as a strong wish for the day off
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
  decided_by   uuid REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  CHECK (kind <> 'on' OR shift IS NOT NULL)
);
CREATE INDEX roster_request_day_idx ON roster_request (facility_id, day);

CREATE TABLE roster_run (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id  uuid NOT NULL REFERENCES facility(id),
  start_day    date NOT NULL,
  weeks        integer NOT NULL CHECK (weeks BETWEEN 1 AND 8),
  setting      jsonb NOT NULL,
  result       jsonb NOT NULL,
  created_by   uuid REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX roster_run_start_idx ON roster_run (facility_id, start_day, created_at DESC);

CREATE TABLE roster_shift (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id uuid NOT NULL REFERENCES facility(id),
  run_id      uuid NOT NULL REFERENCES roster_run(id),
  user_id     uuid NOT NULL REFERENCES app_user(id),
  day         date NOT NULL,
  code        text NOT NULL,
  label       text NOT NULL,
  starts_at   timestamp NOT NULL,
  ends_at     timestamp NOT NULL CHECK (ends_at > starts_at),
  UNIQUE (user_id, day)
);
CREATE INDEX roster_shift_day_idx ON roster_shift (facility_id, day);
