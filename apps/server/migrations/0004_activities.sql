-- Activities: each facility's catalogue (seeded from the shipped catalogue, edited by activity
-- leaders) and the suggested activities of a person, which only a decided proposal creates.

ALTER TABLE person_profile ADD COLUMN contraindications text[] NOT NULL DEFAULT '{}';

CREATE TABLE activity (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id          uuid NOT NULL REFERENCES facility(id),
  key                  text NOT NULL,
  name                 text NOT NULL,
  description          text NOT NULL,
  category             text NOT NULL,
  tags                 text[] NOT NULL DEFAULT '{}',
  goal_domains         text[] NOT NULL DEFAULT '{}',
  required_capacities  jsonb NOT NULL DEFAULT '{}',
  contraindications    text[] NOT NULL DEFAULT '{}',
  group_min            integer NOT NULL CHECK (group_min >= 1),
  group_max            integer NOT NULL CHECK (group_max >= group_min),
  duration_minutes     integer NOT NULL CHECK (duration_minutes > 0),
  room_type            text NOT NULL,
  leader_skill         text NOT NULL,
  materials            text[] NOT NULL DEFAULT '{}',
  active               boolean NOT NULL DEFAULT true,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (facility_id, key)
);

CREATE TABLE activity_suggestion_set (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id    uuid NOT NULL REFERENCES person(id),
  proposal_id  uuid NOT NULL REFERENCES proposal(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  replaced_at  timestamptz
);
CREATE UNIQUE INDEX activity_suggestion_current ON activity_suggestion_set (person_id) WHERE replaced_at IS NULL;

CREATE TABLE activity_suggestion (
  set_id       uuid NOT NULL REFERENCES activity_suggestion_set(id),
  rank         integer NOT NULL,
  activity_id  uuid NOT NULL REFERENCES activity(id),
  reasons      text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (set_id, rank)
);
