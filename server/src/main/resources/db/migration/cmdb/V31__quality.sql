-- Data quality (数据质量): when a data steward last confirmed a CI (核实), and a daily score snapshot.

ALTER TABLE cmdb.ci ADD COLUMN verified_at TIMESTAMPTZ;

-- scope: overall (scope_key ''), model (model code) or owner (team id, '' for CIs without an owner)
CREATE TABLE cmdb.quality_snapshot
(
  day          DATE          NOT NULL,
  scope        TEXT          NOT NULL,
  scope_key    TEXT          NOT NULL,
  cis          BIGINT        NOT NULL,
  slots        BIGINT        NOT NULL,
  filled       BIGINT        NOT NULL,
  fresh        BIGINT        NOT NULL,
  completeness NUMERIC(4, 1),
  freshness    NUMERIC(4, 1),
  overall      NUMERIC(4, 1),
  taken_at     TIMESTAMPTZ   NOT NULL,
  PRIMARY KEY (day, scope, scope_key)
);
