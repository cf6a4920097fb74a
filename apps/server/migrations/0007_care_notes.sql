-- Following each person's needs: care notes (transmissions ciblées) with their corrections, the
-- facility's list of targets (cibles), the note analyser's output per note version, assessments
-- (scores computed by fixed rules) and assessments proposed as due.

CREATE TABLE note_target (
  facility_id  uuid NOT NULL REFERENCES facility(id),
  key          text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{1,39}$'),
  label_fr     text NOT NULL CHECK (length(label_fr) BETWEEN 1 AND 60),
  label_en     text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 60),
  position     integer NOT NULL DEFAULT 0,
  active       boolean NOT NULL DEFAULT true,
  PRIMARY KEY (facility_id, key)
);

CREATE TABLE care_note (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id  uuid NOT NULL REFERENCES facility(id),
  person_id    uuid NOT NULL REFERENCES person(id),
  author_id    uuid NOT NULL REFERENCES app_user(id),
  observed_at  timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1,
  format       text NOT NULL CHECK (format IN ('dar', 'free')),
  target_key   text,
  data         text NOT NULL DEFAULT '' CHECK (length(data) <= 4000),
  actions      text NOT NULL DEFAULT '' CHECK (length(actions) <= 4000),
  results      text NOT NULL DEFAULT '' CHECK (length(results) <= 4000),
  body         text NOT NULL DEFAULT '' CHECK (length(body) <= 4000),
  -- targets added by a decided proposal of the note analyser
  ai_targets   text[] NOT NULL DEFAULT '{}',
  updated_at   timestamptz,
  updated_by   uuid REFERENCES app_user(id)
);
CREATE INDEX care_note_person_idx ON care_note (person_id, observed_at DESC);

-- Every earlier version of a corrected note, with who corrected it and why.
CREATE TABLE care_note_version (
  note_id      uuid NOT NULL REFERENCES care_note(id),
  version      integer NOT NULL,
  format       text NOT NULL,
  target_key   text,
  data         text NOT NULL,
  actions      text NOT NULL,
  results      text NOT NULL,
  body         text NOT NULL,
  observed_at  timestamptz NOT NULL,
  written_by   uuid NOT NULL REFERENCES app_user(id),
  written_at   timestamptz NOT NULL,
  replaced_by  uuid NOT NULL REFERENCES app_user(id),
  replaced_at  timestamptz NOT NULL DEFAULT now(),
  reason       text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  PRIMARY KEY (note_id, version)
);

-- The analyser's output on the current version of a note (spans into the note's analysed text).
CREATE TABLE note_analysis (
  note_id           uuid PRIMARY KEY REFERENCES care_note(id),
  version           integer NOT NULL,
  analyzer_version  text NOT NULL,
  signals           jsonb NOT NULL,
  analysed_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE assessment (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id    uuid NOT NULL REFERENCES facility(id),
  person_id      uuid NOT NULL REFERENCES person(id),
  scale          text NOT NULL,
  scale_version  text NOT NULL,
  input          jsonb NOT NULL,
  options        jsonb NOT NULL DEFAULT '{}',
  result         jsonb NOT NULL,
  summary        text NOT NULL,
  assessed_at    timestamptz NOT NULL,
  assessed_by    uuid NOT NULL REFERENCES app_user(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_person_idx ON assessment (person_id, scale, assessed_at DESC);

-- An assessment or action the team agreed is due (the effect of a decided pattern proposal).
CREATE TABLE assessment_due (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id    uuid NOT NULL REFERENCES facility(id),
  person_id      uuid NOT NULL REFERENCES person(id),
  kind           text NOT NULL,
  rule           text NOT NULL,
  reason         text NOT NULL,
  due_by         date NOT NULL,
  proposal_id    uuid NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  done_at        timestamptz,
  assessment_id  uuid REFERENCES assessment(id)
);
CREATE INDEX assessment_due_person_idx ON assessment_due (person_id, done_at);
