-- Responses kept for Idempotency-Key requests (platform/web IdempotencyFilter), per caller and key.
CREATE TABLE platform.idempotency_key
(
  caller       TEXT NOT NULL,
  idem_key     TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETE')),
  status       INT,
  headers      JSONB,
  body         BYTEA,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (caller, idem_key)
);

CREATE INDEX idempotency_key_expires_at ON platform.idempotency_key (expires_at);
