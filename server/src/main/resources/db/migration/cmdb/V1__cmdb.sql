-- CMDB (配置管理数据库): run-time models, configuration items, relations and their histories.

-- Model groups: business, application, PaaS, IaaS, facility (业务, 应用, 平台, 基础设施, 机房设施)
CREATE TABLE model_group
(
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  name_en    TEXT NOT NULL,
  sort_order INT  NOT NULL DEFAULT 0
);

-- A model (CI type). Attributes and identification rules live in definition (JSONB) so a
-- change is one row update plus one version snapshot.
CREATE TABLE model
(
  id            UUID PRIMARY KEY,
  code          TEXT        NOT NULL UNIQUE,
  name          TEXT        NOT NULL,
  name_en       TEXT,
  group_code    TEXT        NOT NULL REFERENCES model_group (code),
  description   TEXT,
  owner_team_id UUID,
  built_in      BOOLEAN     NOT NULL DEFAULT FALSE,
  version       INT         NOT NULL,
  definition    JSONB       NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL
);

-- Every model change stores the whole model as it then was; diffs are computed between snapshots.
CREATE TABLE model_version
(
  model_id   UUID        NOT NULL REFERENCES model (id),
  version    INT         NOT NULL,
  snapshot   JSONB       NOT NULL,
  summary    TEXT        NOT NULL,
  actor      TEXT        NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (model_id, version)
);

CREATE TABLE relation_type
(
  code          TEXT PRIMARY KEY,
  forward_label TEXT    NOT NULL,
  reverse_label TEXT    NOT NULL,
  -- acyclic types (contains) refuse relations that would close a cycle
  acyclic       BOOLEAN NOT NULL DEFAULT FALSE,
  built_in      BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE relation_definition
(
  id               UUID PRIMARY KEY,
  source_model     TEXT NOT NULL REFERENCES model (code),
  target_model     TEXT NOT NULL REFERENCES model (code),
  type_code        TEXT NOT NULL REFERENCES relation_type (code),
  cardinality      TEXT NOT NULL,
  delete_behaviour TEXT NOT NULL,
  UNIQUE (source_model, target_model, type_code)
);

CREATE TABLE ci
(
  id            UUID PRIMARY KEY,
  model_code    TEXT        NOT NULL REFERENCES model (code),
  name          TEXT        NOT NULL,
  state         TEXT        NOT NULL,
  owner_team_id UUID,
  attributes    JSONB       NOT NULL,
  version       INT         NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX ci_attributes_idx ON ci USING gin (attributes jsonb_path_ops);
CREATE INDEX ci_model_name_idx ON ci (model_code, name, id);
CREATE INDEX ci_name_idx ON ci (name, id);

-- Unique attribute values and identification-rule keys of live CIs; the primary key makes
-- duplicate detection safe under concurrent writes. Retired CIs release their keys.
CREATE TABLE ci_key
(
  model_code TEXT NOT NULL,
  key_name   TEXT NOT NULL,
  key_value  TEXT NOT NULL,
  ci_id      UUID NOT NULL REFERENCES ci (id),
  PRIMARY KEY (model_code, key_name, key_value)
);
CREATE INDEX ci_key_ci_idx ON ci_key (ci_id);

-- Append-only: one row per CI change with the field diff ({"field": {"from": .., "to": ..}}).
CREATE TABLE ci_history
(
  id         BIGSERIAL PRIMARY KEY,
  ci_id      UUID        NOT NULL REFERENCES ci (id),
  version    INT         NOT NULL,
  change     TEXT        NOT NULL,
  diff       JSONB       NOT NULL,
  actor      TEXT        NOT NULL,
  source     TEXT        NOT NULL,
  request_id TEXT,
  changed_at TIMESTAMPTZ NOT NULL,
  UNIQUE (ci_id, version)
);

CREATE TABLE relation
(
  id            UUID PRIMARY KEY,
  type_code     TEXT        NOT NULL REFERENCES relation_type (code),
  source_id     UUID        NOT NULL REFERENCES ci (id),
  target_id     UUID        NOT NULL REFERENCES ci (id),
  definition_id UUID        NOT NULL REFERENCES relation_definition (id),
  created_at    TIMESTAMPTZ NOT NULL,
  UNIQUE (type_code, source_id, target_id)
);
CREATE INDEX relation_source_idx ON relation (source_id, type_code);
CREATE INDEX relation_target_idx ON relation (target_id, type_code);

-- Append-only, and kept after a relation is deleted (no foreign key to relation).
CREATE TABLE relation_history
(
  id          BIGSERIAL PRIMARY KEY,
  relation_id UUID        NOT NULL,
  change      TEXT        NOT NULL,
  type_code   TEXT        NOT NULL,
  source_id   UUID        NOT NULL,
  target_id   UUID        NOT NULL,
  actor       TEXT        NOT NULL,
  source      TEXT        NOT NULL,
  request_id  TEXT,
  reason      TEXT,
  changed_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX relation_history_source_idx ON relation_history (source_id, changed_at);
CREATE INDEX relation_history_target_idx ON relation_history (target_id, changed_at);
CREATE INDEX relation_history_relation_idx ON relation_history (relation_id);
