-- Human guarantee: register of AI systems (per facility, with history), proposals and their
-- decisions, objections, and requests for a human review.

CREATE TABLE ai_system (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id          uuid NOT NULL REFERENCES facility(id),
  slug                 text NOT NULL CHECK (slug ~ '^[a-z0-9-]+$'),
  name                 text NOT NULL,
  purpose              text NOT NULL,
  intended_users       text[] NOT NULL DEFAULT '{}',
  data_read            text[] NOT NULL DEFAULT '{}',
  data_never_read      text[] NOT NULL DEFAULT '{}',
  risk_class           text NOT NULL CHECK (risk_class IN ('minimal', 'limited', 'high')),
  risk_justification   text NOT NULL,
  facility_risk_notes  text NOT NULL DEFAULT '',
  decision_mode        text NOT NULL DEFAULT 'human-decision' CHECK (decision_mode IN ('human-decision', 'apply-and-notify')),
  decider_roles        text[] NOT NULL,
  owner_user_id        uuid REFERENCES app_user(id),
  engine_version       text NOT NULL,
  limits               text NOT NULL,
  benefits             text NOT NULL DEFAULT '',
  falc_summary         text NOT NULL DEFAULT '',
  enabled              boolean NOT NULL DEFAULT true,
  status_reason        text,
  changed_by           uuid REFERENCES app_user(id),
  changed_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (facility_id, slug),
  CHECK (decision_mode = 'human-decision' OR risk_class = 'minimal')
);

CREATE TABLE ai_system_history (
  id          bigserial PRIMARY KEY,
  system_id   uuid NOT NULL REFERENCES ai_system(id),
  changed_at  timestamptz NOT NULL DEFAULT now(),
  changed_by  uuid REFERENCES app_user(id),
  reason      text,
  before      jsonb NOT NULL,
  after       jsonb NOT NULL
);
CREATE INDEX ai_system_history_idx ON ai_system_history (system_id, id);

CREATE TABLE proposal (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id      uuid NOT NULL REFERENCES facility(id),
  system_id        uuid NOT NULL REFERENCES ai_system(id),
  engine_version   text NOT NULL,
  kind             text NOT NULL,
  person_id        uuid REFERENCES person(id),
  subject_type     text NOT NULL,
  subject_id       text NOT NULL,
  title            text NOT NULL,
  content          jsonb NOT NULL,
  explanation      jsonb NOT NULL,
  inputs           jsonb NOT NULL DEFAULT '{}',
  inputs_hash      text NOT NULL,
  confidence       real CHECK (confidence BETWEEN 0 AND 1),
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'amended', 'rejected', 'expired', 'withdrawn')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz,
  decided_at       timestamptz,
  decided_by       uuid REFERENCES app_user(id),
  decision_reason  text,
  decided_content  jsonb,
  effect_type      text,
  effect_id        text,
  closed_reason    text,
  CHECK ((status IN ('accepted', 'amended', 'rejected')) = (decided_at IS NOT NULL))
);
CREATE INDEX proposal_inbox_idx ON proposal (facility_id, status, created_at DESC);
CREATE INDEX proposal_person_idx ON proposal (person_id, status);

CREATE TABLE objection (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES person(id),
  system_slug   text NOT NULL,
  recorded_by   uuid NOT NULL REFERENCES app_user(id),
  expressed_by  text NOT NULL CHECK (expressed_by IN ('person', 'relative', 'legal_representative', 'staff_on_request')),
  note          text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  lifted_at     timestamptz,
  lifted_by     uuid REFERENCES app_user(id)
);
CREATE UNIQUE INDEX objection_active_key ON objection (person_id, system_slug) WHERE lifted_at IS NULL;

CREATE TABLE review_request (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES person(id),
  proposal_id   uuid REFERENCES proposal(id),
  requested_by  uuid NOT NULL REFERENCES app_user(id),
  message       text NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz,
  closed_by     uuid REFERENCES app_user(id)
);
CREATE INDEX review_request_person_idx ON review_request (person_id, status);
