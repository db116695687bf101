-- CIs that a model change left non-conforming (不合规配置项): one row per CI, attribute (or key) and
-- rule. Rows are replaced whenever the model changes and removed when the CI is edited into
-- conformance or retired; a CI keeps its value until someone fixes it, nothing is lost silently.
CREATE TABLE cmdb.ci_nonconformity
(
  id            BIGSERIAL PRIMARY KEY,
  ci_id         UUID        NOT NULL REFERENCES cmdb.ci (id),
  model_code    TEXT        NOT NULL REFERENCES cmdb.model (code),
  -- the model version that first found the CI non-conforming for this attribute and rule
  model_version INT         NOT NULL,
  attribute     TEXT        NOT NULL,
  code          TEXT        NOT NULL,
  message       TEXT        NOT NULL,
  flagged_at    TIMESTAMPTZ NOT NULL,
  UNIQUE (ci_id, attribute, code)
);
CREATE INDEX ci_nonconformity_model_idx ON cmdb.ci_nonconformity (model_code, id);
