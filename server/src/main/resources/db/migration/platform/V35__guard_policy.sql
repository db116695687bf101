-- Operation-guard policies (操作防护策略): change windows, market hours, source allow-lists.
CREATE TABLE platform.guard_policy
(
  id              UUID PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN ('WINDOW', 'MARKET_HOURS', 'SOURCE_ALLOWLIST')),
  enabled         BOOLEAN NOT NULL,
  -- empty array: every environment / every operation kind
  environments    JSONB NOT NULL DEFAULT '[]',
  operation_kinds JSONB NOT NULL DEFAULT '[]',
  config          JSONB NOT NULL,
  description     TEXT,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
