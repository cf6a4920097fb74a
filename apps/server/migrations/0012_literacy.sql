-- AI literacy: who completed which feature's module (and which version), and whether the facility requires it before
-- a staff member may decide on that feature's proposals (on by default).
CREATE TABLE literacy_completion (
  user_id         uuid NOT NULL REFERENCES app_user(id),
  system_slug     text NOT NULL,
  module_version  text NOT NULL,
  score           integer NOT NULL,
  questions       integer NOT NULL,
  completed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, system_slug, module_version)
);
ALTER TABLE facility ADD COLUMN ai_literacy_required boolean NOT NULL DEFAULT true;
