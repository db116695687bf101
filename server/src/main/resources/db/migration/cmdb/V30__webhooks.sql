-- Outbound webhook subscriptions (变更订阅) for CMDB changes and their delivery log.

CREATE TABLE cmdb.webhook
(
  id         UUID PRIMARY KEY,
  name       TEXT        NOT NULL,
  url        TEXT        NOT NULL,
  -- empty = every model / no attribute filter
  models     TEXT[]      NOT NULL DEFAULT '{}',
  attributes TEXT[]      NOT NULL DEFAULT '{}',
  events     TEXT[]      NOT NULL,
  enabled    BOOLEAN     NOT NULL,
  -- the signing secret, sealed with the platform's SealedValues (context cmdb.webhook.secret:<id>)
  secret     TEXT        NOT NULL,
  created_by TEXT        NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);

-- One row per (subscription, event); the dispatcher claims due PENDING rows with
-- FOR UPDATE SKIP LOCKED and leases them by moving next_attempt_at ahead while it sends.
CREATE TABLE cmdb.webhook_delivery
(
  id               UUID PRIMARY KEY,
  webhook_id       UUID        NOT NULL REFERENCES cmdb.webhook (id) ON DELETE CASCADE,
  event            TEXT        NOT NULL,
  -- which change this is (ci:<id>:<version>, relation:<id>:<kind>); with the unique index a
  -- republished module event does not deliver twice. NULL for pings and redeliveries.
  event_key        TEXT,
  event_id         UUID        NOT NULL,
  -- the exact JSON body that is signed and sent
  payload          TEXT        NOT NULL,
  status           TEXT        NOT NULL,
  attempts         INT         NOT NULL DEFAULT 0,
  max_attempts     INT         NOT NULL,
  next_attempt_at  TIMESTAMPTZ,
  last_attempt_at  TIMESTAMPTZ,
  last_status_code INT,
  last_error       TEXT,
  response_snippet TEXT,
  redelivery_of    UUID,
  created_at       TIMESTAMPTZ NOT NULL,
  delivered_at     TIMESTAMPTZ
);
CREATE UNIQUE INDEX webhook_delivery_event_idx ON cmdb.webhook_delivery (webhook_id, event_key);
CREATE INDEX webhook_delivery_due_idx ON cmdb.webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_log_idx ON cmdb.webhook_delivery (webhook_id, created_at DESC, id DESC);
