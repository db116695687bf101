-- Convergence (告警收敛): grouping rules and alert groups (告警组), silences (静默),
-- maintenance windows (维护窗口), inhibition rules (抑制规则), topology inhibition settings,
-- and what convergence did to each alert (suppressions, symptoms, processing state).

-- Grouping rules, tried by position; the first that takes an alert wins unless it says
-- continue. group_by is a list of alternatives (each a list of label names, '@ci',
-- '@business_system', '@severity', '@integration' or '...'); the first alternative whose
-- labels the alert has is used.
CREATE TABLE event.grouping_rule
(
  id                UUID PRIMARY KEY,
  name              TEXT NOT NULL,
  position          INT NOT NULL,
  enabled           BOOLEAN NOT NULL DEFAULT TRUE,
  matchers          JSONB NOT NULL DEFAULT '[]',
  group_by          JSONB NOT NULL,
  continue_matching BOOLEAN NOT NULL DEFAULT FALSE,
  group_wait_ms     BIGINT NOT NULL,
  group_interval_ms BIGINT NOT NULL,
  description       TEXT,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX grouping_rule_name_idx ON event.grouping_rule (lower(name));

INSERT INTO event.grouping_rule (id, name, position, matchers, group_by, group_wait_ms, group_interval_ms,
                                 description, created_at, updated_at)
VALUES ('7a2b0c11-0000-4000-8000-000000000001', '按业务系统 / by business system', 1000, '[]',
        '[["@business_system"], ["alertname"]]', 30000, 300000,
        'Fallback: alerts of one business system form one group; alerts without one are grouped by alertname',
        now(), now());

CREATE SEQUENCE event.alert_group_seq;

-- Alert groups. PENDING until group_wait has passed (then AlertGroupOpened), OPEN while it
-- has active alerts, RESOLVED when all its alerts resolved (announced at the next flush).
CREATE TABLE event.alert_group
(
  id                  UUID PRIMARY KEY,
  seq                 BIGINT NOT NULL DEFAULT nextval('event.alert_group_seq'),
  rule_id             UUID NOT NULL,
  rule_name           TEXT NOT NULL,
  group_key           TEXT NOT NULL,
  group_labels        JSONB NOT NULL,
  state               TEXT NOT NULL,
  severity            TEXT NOT NULL,
  business_system_id  UUID,
  root_cause_alert_id BIGINT,
  group_wait_ms       BIGINT NOT NULL,
  group_interval_ms   BIGINT NOT NULL,
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  notify_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  notified_at         TIMESTAMP WITH TIME ZONE,
  last_flush_at       TIMESTAMP WITH TIME ZONE,
  dirty               BOOLEAN NOT NULL DEFAULT FALSE,
  pending_added       INT NOT NULL DEFAULT 0,
  pending_resolved    INT NOT NULL DEFAULT 0,
  updates             INT NOT NULL DEFAULT 0,
  resolved_at         TIMESTAMP WITH TIME ZONE,
  alert_count         INT NOT NULL DEFAULT 0,
  active_count        INT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX alert_group_seq_idx ON event.alert_group (seq);
CREATE UNIQUE INDEX alert_group_active_key_idx ON event.alert_group (rule_id, group_key) WHERE state <> 'RESOLVED';
CREATE INDEX alert_group_state_idx ON event.alert_group (state, seq);
CREATE INDEX alert_group_due_idx ON event.alert_group (state, notify_at) WHERE state <> 'RESOLVED';

CREATE TABLE event.alert_group_member
(
  group_id         UUID NOT NULL REFERENCES event.alert_group (id) ON DELETE CASCADE,
  alert_id         BIGINT NOT NULL,
  alert_first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
  added_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  active           BOOLEAN NOT NULL,
  PRIMARY KEY (group_id, alert_id)
);
CREATE INDEX alert_group_member_alert_idx ON event.alert_group_member (alert_id);

-- Silences (静默): matchers and/or a CI or business system scope, for a time range.
CREATE TABLE event.silence
(
  id                 UUID PRIMARY KEY,
  matchers           JSONB NOT NULL DEFAULT '[]',
  ci_id              UUID,
  business_system_id UUID,
  starts_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  ends_at            TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by         TEXT NOT NULL,
  comment            TEXT NOT NULL,
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX silence_ends_idx ON event.silence (ends_at);

-- Recurring maintenance windows (维护窗口): a schedule (weekly days and times, or cron and a
-- duration, optionally restricted to trading / non-trading days of a calendar).
CREATE TABLE event.maintenance_window
(
  id                 UUID PRIMARY KEY,
  name               TEXT NOT NULL,
  enabled            BOOLEAN NOT NULL DEFAULT TRUE,
  matchers           JSONB NOT NULL DEFAULT '[]',
  ci_id              UUID,
  business_system_id UUID,
  schedule           JSONB NOT NULL,
  valid_from         TIMESTAMP WITH TIME ZONE,
  valid_until        TIMESTAMP WITH TIME ZONE,
  comment            TEXT,
  created_by         TEXT NOT NULL,
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX maintenance_window_name_idx ON event.maintenance_window (lower(name));

-- Alertmanager-style inhibition rules (抑制规则).
CREATE TABLE event.inhibit_rule
(
  id              UUID PRIMARY KEY,
  name            TEXT NOT NULL,
  enabled         BOOLEAN NOT NULL DEFAULT TRUE,
  source_matchers JSONB NOT NULL,
  target_matchers JSONB NOT NULL,
  equal_labels    JSONB NOT NULL DEFAULT '[]',
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX inhibit_rule_name_idx ON event.inhibit_rule (lower(name));

-- Topology inhibition (拓扑抑制) settings: one row.
CREATE TABLE event.topology_inhibition
(
  id             INT PRIMARY KEY CHECK (id = 1),
  enabled        BOOLEAN NOT NULL,
  min_severity   TEXT NOT NULL,
  mode           TEXT NOT NULL,
  relation_types JSONB NOT NULL,
  max_depth      INT NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO event.topology_inhibition (id, enabled, min_severity, mode, relation_types, max_depth, updated_at)
VALUES (1, TRUE, 'MAJOR', 'MARK', '["runs_on", "depends_on"]', 4, now());

-- What holds an alert down: a silence, a maintenance window, an inhibition rule (with its
-- source alert) or an upstream alert (topology: the alert is a symptom of cause_alert_id).
-- released_at is set when the reason ends; suppressed says whether the alert was put into
-- SUPPRESSED for it (a topology mark in MARK mode is not).
CREATE TABLE event.alert_suppression
(
  alert_id         BIGINT NOT NULL,
  alert_first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
  kind             TEXT NOT NULL,
  ref              TEXT NOT NULL,
  cause_alert_id   BIGINT,
  detail           JSONB,
  suppressing      BOOLEAN NOT NULL,
  since            TIMESTAMP WITH TIME ZONE NOT NULL,
  released_at      TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (alert_id, kind, ref)
);
CREATE INDEX alert_suppression_active_idx ON event.alert_suppression (kind, ref) WHERE released_at IS NULL;
CREATE INDEX alert_suppression_cause_idx ON event.alert_suppression (cause_alert_id) WHERE released_at IS NULL;

-- Which alerts convergence has handled as active / as over, so a sweep can catch up on
-- anything a restart or another node left unprocessed.
CREATE TABLE event.alert_convergence
(
  alert_id         BIGINT PRIMARY KEY,
  alert_first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
  handled          TEXT NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX alert_convergence_active_idx ON event.alert_convergence (alert_id) WHERE handled = 'ACTIVE';
