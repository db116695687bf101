-- Event center (事件中心) foundation: integrations with their own ingest tokens, the
-- normalised alert store, its dedup index, timeline, raw events, counters and rules.
-- alert, alert_activity and raw_event are partitioned by month (UTC) by EventPartitions
-- (current month and the next two exist from the start, checked daily; the DEFAULT
-- partition catches anything else so an insert never fails; retention drops whole months).

CREATE TABLE event.integration
(
  id               UUID PRIMARY KEY,
  name             TEXT NOT NULL,
  kind             TEXT NOT NULL,
  enabled          BOOLEAN NOT NULL DEFAULT TRUE,
  token_hash       TEXT NOT NULL UNIQUE,
  token_hint       TEXT NOT NULL,
  default_severity TEXT NOT NULL,
  severity_mapping JSONB NOT NULL DEFAULT '{}',
  settings         JSONB NOT NULL DEFAULT '{}',
  description      TEXT,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by       TEXT,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  token_rotated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX integration_name_idx ON event.integration (lower(name));

CREATE SEQUENCE event.alert_id_seq CACHE 100;

-- One row per alert (告警). first_seen is the partition key, so (id, first_seen) is the key.
CREATE TABLE event.alert
(
  id                 BIGINT NOT NULL,
  first_seen         TIMESTAMP WITH TIME ZONE NOT NULL,
  integration_id     UUID NOT NULL,
  source             TEXT NOT NULL,
  fingerprint        TEXT NOT NULL,
  group_key          TEXT,
  status             TEXT NOT NULL,
  state              TEXT NOT NULL,
  severity           TEXT NOT NULL,
  source_severity    TEXT,
  summary            TEXT NOT NULL,
  resource           TEXT,
  labels             JSONB NOT NULL,
  annotations        JSONB NOT NULL,
  links              JSONB NOT NULL,
  details            JSONB,
  generator_url      TEXT,
  starts_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  ends_at            TIMESTAMP WITH TIME ZONE,
  auto_resolve       BOOLEAN NOT NULL,
  last_seen          TIMESTAMP WITH TIME ZONE NOT NULL,
  occurrences        INT NOT NULL,
  duplicates         INT NOT NULL,
  last_hash          TEXT NOT NULL,
  state_changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  acknowledged_at    TIMESTAMP WITH TIME ZONE,
  acknowledged_by    TEXT,
  resolved_at        TIMESTAMP WITH TIME ZONE,
  closed_at          TIMESTAMP WITH TIME ZONE,
  assignee_user      TEXT,
  assignee_team      UUID,
  ci_id              UUID,
  business_system_id UUID,
  owner_team_id      UUID,
  flapping           BOOLEAN NOT NULL DEFAULT FALSE,
  version            INT NOT NULL,
  PRIMARY KEY (id, first_seen)
) PARTITION BY RANGE (first_seen);
CREATE TABLE event.alert_default PARTITION OF event.alert DEFAULT;
CREATE INDEX alert_state_idx ON event.alert (state, id);
CREATE INDEX alert_last_seen_idx ON event.alert (last_seen);
CREATE INDEX alert_integration_idx ON event.alert (integration_id, id);
CREATE INDEX alert_ci_idx ON event.alert (ci_id) WHERE ci_id IS NOT NULL;
CREATE INDEX alert_business_system_idx ON event.alert (business_system_id) WHERE business_system_id IS NOT NULL;
CREATE INDEX alert_expiry_idx ON event.alert (ends_at) WHERE auto_resolve AND state IN ('OPEN', 'ACKNOWLEDGED', 'SUPPRESSED');
CREATE INDEX alert_labels_idx ON event.alert USING gin (labels jsonb_path_ops);

-- The dedup index: the current alert of each (integration, fingerprint). Small (one row per
-- key ever seen within retention), not partitioned, so it can carry the unique key the
-- batched INSERT ... ON CONFLICT of the intake needs.
CREATE TABLE event.alert_key
(
  integration_id UUID NOT NULL,
  fingerprint    TEXT NOT NULL,
  alert_id       BIGINT,
  first_seen     TIMESTAMP WITH TIME ZONE,
  -- epoch seconds of the recent firing/resolved changes of this key, for flapping detection
  -- across the alerts of one key
  flap_changes   BIGINT[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (integration_id, fingerprint)
);

-- The timeline (时间线) of an alert besides what it received: state changes, assignment,
-- comments, enrichment. Partitioned with its alert (by the alert's first_seen).
CREATE SEQUENCE event.alert_activity_id_seq CACHE 100;
CREATE TABLE event.alert_activity
(
  id               BIGINT NOT NULL,
  alert_id         BIGINT NOT NULL,
  alert_first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
  at               TIMESTAMP WITH TIME ZONE NOT NULL,
  kind             TEXT NOT NULL,
  actor            TEXT,
  from_state       TEXT,
  to_state         TEXT,
  detail           JSONB,
  PRIMARY KEY (id, alert_first_seen)
) PARTITION BY RANGE (alert_first_seen);
CREATE TABLE event.alert_activity_default PARTITION OF event.alert_activity DEFAULT;
CREATE INDEX alert_activity_alert_idx ON event.alert_activity (alert_id, id);

-- Every received signal (原始事件), for audit and analytics (raw events : alerts : groups).
CREATE SEQUENCE event.raw_event_id_seq CACHE 1000;
CREATE TABLE event.raw_event
(
  id             BIGINT NOT NULL,
  received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  integration_id UUID NOT NULL,
  fingerprint    TEXT NOT NULL,
  status         TEXT NOT NULL,
  outcome        TEXT NOT NULL,
  alert_id       BIGINT,
  payload_hash   TEXT NOT NULL,
  PRIMARY KEY (id, received_at)
) PARTITION BY RANGE (received_at);
CREATE TABLE event.raw_event_default PARTITION OF event.raw_event DEFAULT;
CREATE INDEX raw_event_alert_idx ON event.raw_event (alert_id, id) WHERE alert_id IS NOT NULL;
CREATE INDEX raw_event_integration_idx ON event.raw_event (integration_id, received_at);

-- Ingest counters per integration: accepted, duplicate, dropped, rejected.<reason>.
-- Unknown tokens count under the nil integration id.
CREATE TABLE event.integration_counter
(
  integration_id UUID NOT NULL,
  counter        TEXT NOT NULL,
  value          BIGINT NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (integration_id, counter)
);

-- Drop / transform rules (丢弃/转换规则), applied in order at intake.
CREATE TABLE event.signal_rule
(
  id             UUID PRIMARY KEY,
  name           TEXT NOT NULL,
  position       INT NOT NULL,
  enabled        BOOLEAN NOT NULL DEFAULT TRUE,
  integration_id UUID,
  matchers       JSONB NOT NULL,
  action         TEXT NOT NULL,
  set_labels     JSONB NOT NULL DEFAULT '{}',
  rename_labels  JSONB NOT NULL DEFAULT '{}',
  set_severity   TEXT,
  hits           BIGINT NOT NULL DEFAULT 0,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX signal_rule_name_idx ON event.signal_rule (lower(name));

-- CMDB enrichment rules (丰富规则): the value of a label (optionally a regex capture) is
-- looked up as a CI attribute; the first rule, by position, that finds exactly one CI wins.
CREATE TABLE event.enrichment_rule
(
  id         UUID PRIMARY KEY,
  name       TEXT NOT NULL,
  position   INT NOT NULL,
  enabled    BOOLEAN NOT NULL DEFAULT TRUE,
  label      TEXT NOT NULL,
  pattern    TEXT,
  ci_model   TEXT,
  attribute  TEXT NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX enrichment_rule_name_idx ON event.enrichment_rule (lower(name));

INSERT INTO event.enrichment_rule (id, name, position, label, pattern, ci_model, attribute, created_at, updated_at)
VALUES ('6f1c0d55-0000-4000-8000-000000000001', 'host label → host', 10, 'host', NULL, 'host', 'hostname', now(), now()),
       ('6f1c0d55-0000-4000-8000-000000000002', 'hostname label → host', 20, 'hostname', NULL, 'host', 'hostname', now(), now()),
       ('6f1c0d55-0000-4000-8000-000000000003', 'instance host part → host', 30, 'instance', '^\[?([^\]]+?)\]?(:\d+)?$', 'host', 'hostname', now(), now()),
       ('6f1c0d55-0000-4000-8000-000000000004', 'instance IP → host', 40, 'instance', '^(\d+\.\d+\.\d+\.\d+)(:\d+)?$', 'host', 'ip_address', now(), now()),
       ('6f1c0d55-0000-4000-8000-000000000005', 'ip label → host', 50, 'ip', NULL, 'host', 'ip_address', now(), now()),
       ('6f1c0d55-0000-4000-8000-000000000006', 'service label → service', 60, 'service', NULL, 'service', 'service_code', now(), now()),
       ('6f1c0d55-0000-4000-8000-000000000007', 'app label → application', 70, 'app', NULL, 'application', 'app_code', now(), now());
