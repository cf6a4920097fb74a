-- Voice of users and governance (part 1): complaints (plaintes et réclamations) with their workflow and links to
-- the AI proposals and features concerned, and the human-guarantee review panel (collège de garantie humaine):
-- members, sessions, reproducible samples of proposals with a finding per item, corrective actions.

CREATE TABLE complaint (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id      uuid NOT NULL REFERENCES facility(id),
  person_id        uuid REFERENCES person(id),
  received_at      timestamptz NOT NULL,
  channel          text NOT NULL CHECK (channel IN ('oral', 'letter', 'email', 'phone', 'cvs', 'form', 'other')),
  complainant_kind text NOT NULL CHECK (complainant_kind IN ('person', 'relative', 'legal_representative', 'staff', 'other')),
  complainant_name text NOT NULL CHECK (length(complainant_name) BETWEEN 1 AND 120),
  subject          text NOT NULL CHECK (length(subject) BETWEEN 3 AND 200),
  description      text NOT NULL CHECK (length(description) BETWEEN 3 AND 5000),
  category         text CHECK (category IN ('care', 'relationship', 'ai', 'information', 'rights', 'daily_life', 'other')),
  ai_involved      boolean NOT NULL DEFAULT false,
  status           text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'acknowledged', 'investigating', 'answered', 'closed')),
  acknowledge_by   timestamptz NOT NULL,
  answer_by        timestamptz NOT NULL,
  acknowledged_at  timestamptz,
  answered_at      timestamptz,
  closed_at        timestamptz,
  answer           text,
  created_by       uuid NOT NULL REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_facility_idx ON complaint (facility_id, received_at DESC);

-- What an AI-related complaint is about: proposals and/or features (at least one of the two per row).
CREATE TABLE complaint_link (
  complaint_id  uuid NOT NULL REFERENCES complaint(id),
  proposal_id   uuid REFERENCES proposal(id),
  system_id     uuid REFERENCES ai_system(id),
  CHECK (proposal_id IS NOT NULL OR system_id IS NOT NULL)
);
CREATE INDEX complaint_link_proposal_idx ON complaint_link (proposal_id);
CREATE INDEX complaint_link_complaint_idx ON complaint_link (complaint_id);

CREATE TABLE complaint_event (
  id            bigserial PRIMARY KEY,
  complaint_id  uuid NOT NULL REFERENCES complaint(id),
  at            timestamptz NOT NULL DEFAULT now(),
  by_user       uuid NOT NULL REFERENCES app_user(id),
  from_status   text,
  to_status     text NOT NULL,
  note          text NOT NULL DEFAULT ''
);
CREATE INDEX complaint_event_idx ON complaint_event (complaint_id, id);

CREATE TABLE panel_member (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id  uuid NOT NULL REFERENCES facility(id),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  kind         text NOT NULL CHECK (kind IN ('professional', 'designer', 'user_representative')),
  user_id      uuid REFERENCES app_user(id),
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE panel_session (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id  uuid NOT NULL REFERENCES facility(id),
  held_on      date NOT NULL,
  title        text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  notes        text NOT NULL DEFAULT '',
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  member_ids   uuid[] NOT NULL DEFAULT '{}',
  created_by   uuid NOT NULL REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- A sample of one feature's proposals over a period, drawn so it can be drawn again identically: the seed, the
-- sizes, the algorithm version and the population's size are kept with it.
CREATE TABLE panel_sample (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id        uuid NOT NULL REFERENCES panel_session(id),
  system_id         uuid NOT NULL REFERENCES ai_system(id),
  period_from       date NOT NULL,
  period_to         date NOT NULL,
  per_stratum       integer NOT NULL CHECK (per_stratum BETWEEN 0 AND 200),
  seed              integer NOT NULL,
  algorithm         text NOT NULL,
  population        integer NOT NULL,
  drawn_by          uuid NOT NULL REFERENCES app_user(id),
  drawn_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (period_from <= period_to)
);

CREATE TABLE panel_item (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sample_id         uuid NOT NULL REFERENCES panel_sample(id),
  proposal_id       uuid NOT NULL REFERENCES proposal(id),
  -- why it is in the sample: the random stratum it was drawn from, and/or the flags it carries
  stratum           text,
  flags             text[] NOT NULL DEFAULT '{}',
  finding           text CHECK (finding IN ('appropriate', 'problem')),
  problem_category  text CHECK (problem_category IN ('wrong_content', 'missing_information', 'bias', 'explanation_unclear', 'harm_to_relationship', 'rights_not_respected', 'other')),
  comment           text NOT NULL DEFAULT '',
  reviewed_by       uuid REFERENCES app_user(id),
  reviewed_at       timestamptz,
  UNIQUE (sample_id, proposal_id),
  CHECK ((finding = 'problem') = (problem_category IS NOT NULL))
);

CREATE TABLE panel_action (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id   uuid NOT NULL REFERENCES panel_session(id),
  system_id    uuid REFERENCES ai_system(id),
  kind         text NOT NULL CHECK (kind IN ('adjust', 'suspend', 'change_rule', 'train_staff', 'other')),
  description  text NOT NULL CHECK (length(description) BETWEEN 3 AND 2000),
  owner_name   text NOT NULL CHECK (length(owner_name) BETWEEN 1 AND 120),
  due_on       date NOT NULL,
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
  created_by   uuid NOT NULL REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
