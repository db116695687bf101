-- Maturity assessments (成熟度评估), their answers and evidence, and probe results.

CREATE TABLE maturity.assessment
(
  id                UUID PRIMARY KEY,
  framework_id      TEXT NOT NULL,
  framework_version TEXT NOT NULL,
  title             TEXT NOT NULL,
  -- ORGANISATION: the whole organisation; SYSTEMS: the business systems in scope_systems
  scope_kind        TEXT NOT NULL CHECK (scope_kind IN ('ORGANISATION', 'SYSTEMS')),
  -- [{"id": "<CI id>", "name": "..."}]
  scope_systems     JSONB NOT NULL DEFAULT '[]',
  -- 'organisation' or the sorted system ids joined by ',': finds the previous assessment of the same scope
  scope_key         TEXT NOT NULL,
  assessors         TEXT[] NOT NULL,
  reviewer          TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('DRAFT', 'IN_REVIEW', 'SIGNED_OFF')),
  review_note       TEXT,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by        TEXT NOT NULL,
  updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  submitted_at      TIMESTAMP WITH TIME ZONE,
  signed_off_at     TIMESTAMP WITH TIME ZONE,
  signed_off_by     TEXT
);
CREATE INDEX assessment_previous_idx ON maturity.assessment (framework_id, scope_key, signed_off_at);

CREATE TABLE maturity.answer
(
  assessment_id   UUID NOT NULL REFERENCES maturity.assessment (id) ON DELETE CASCADE,
  criterion_id    TEXT NOT NULL,
  answer          TEXT NOT NULL CHECK (answer IN ('MET', 'PARTLY', 'NOT_MET', 'NOT_APPLICABLE')),
  notes           TEXT,
  -- [{"type": "CI|AUDIT_QUERY|ALERT_RULE|URL", "target": "...", "label": "..."}]
  links           JSONB NOT NULL DEFAULT '[]',
  -- MANUAL: an assessor's; PROBE: pre-filled; OVERRIDE: an assessor's answer replacing a probe's
  source          TEXT NOT NULL CHECK (source IN ('MANUAL', 'PROBE', 'OVERRIDE')),
  probe_id        TEXT,
  probe_verdict   TEXT,
  probe_result_id UUID,
  override_reason TEXT,
  answered_by     TEXT NOT NULL,
  answered_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (assessment_id, criterion_id)
);

CREATE TABLE maturity.attachment
(
  id            UUID PRIMARY KEY,
  assessment_id UUID NOT NULL REFERENCES maturity.assessment (id) ON DELETE CASCADE,
  criterion_id  TEXT NOT NULL,
  file_name     TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          BIGINT NOT NULL,
  content       BYTEA NOT NULL,
  uploaded_by   TEXT NOT NULL,
  uploaded_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX attachment_assessment_idx ON maturity.attachment (assessment_id, criterion_id);

CREATE TABLE maturity.probe_run
(
  id                 UUID PRIMARY KEY,
  trigger            TEXT NOT NULL CHECK (trigger IN ('MANUAL', 'SCHEDULE', 'DEMO')),
  triggered_by       TEXT NOT NULL,
  window_since       TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  -- {"000": "1.0", ...}: the framework data the bindings were resolved against
  framework_versions JSONB NOT NULL
);

CREATE TABLE maturity.probe_result
(
  id            UUID PRIMARY KEY,
  run_id        UUID NOT NULL REFERENCES maturity.probe_run (id) ON DELETE CASCADE,
  probe_id      TEXT NOT NULL,
  probe_version TEXT NOT NULL,
  verdict       TEXT NOT NULL CHECK (verdict IN ('MET', 'NOT_MET', 'NOT_OBSERVABLE')),
  summary_zh    TEXT NOT NULL,
  summary_en    TEXT NOT NULL,
  counts        JSONB NOT NULL,
  ids           JSONB NOT NULL,
  links         JSONB NOT NULL,
  criteria      TEXT[] NOT NULL,
  evaluated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX probe_result_latest_idx ON maturity.probe_result (probe_id, evaluated_at DESC);
