-- Bulk imports (导入任务): the uploaded file with its dry-run report, applied at most once.
CREATE TABLE cmdb.import_job
(
  id          UUID PRIMARY KEY,
  kind        TEXT        NOT NULL, -- CIS or RELATIONS
  model_code  TEXT,
  file_name   TEXT,
  format      TEXT        NOT NULL, -- CSV or XLSX
  charset     TEXT,
  status      TEXT        NOT NULL, -- PREVIEWED, APPLIED or EXPIRED
  -- the uploaded file, kept until the job is applied or expires (apply re-reads it)
  content     BYTEA,
  report      JSONB       NOT NULL,
  created_by  TEXT        NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  applied_by  TEXT,
  applied_at  TIMESTAMPTZ
);
CREATE INDEX import_job_created_idx ON cmdb.import_job (created_at);
