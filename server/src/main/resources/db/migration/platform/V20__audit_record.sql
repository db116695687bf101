CREATE TABLE audit_record
(
  id             BIGSERIAL PRIMARY KEY,
  occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  actor_kind     TEXT NOT NULL,
  actor_id       UUID,
  actor_name     TEXT,
  token_id       UUID,
  source_address TEXT,
  request_id     TEXT,
  action         TEXT NOT NULL,
  target_type    TEXT,
  target_id      TEXT,
  outcome        TEXT NOT NULL,
  before         JSONB,
  after          JSONB,
  detail         TEXT
);
