-- Event analytics (B8) and manual anomaly reports (人工上报).

-- Analytics aggregate alerts over first_seen ranges: partition pruning picks the months,
-- this index the range within them. raw_event gets no further index on purpose: it is
-- written for every received signal, and its analytics scan whole monthly partitions.
CREATE INDEX alert_first_seen_idx ON event.alert (first_seen);

-- The built-in integration manual reports are filed under (kind 'manual'). It has no
-- usable token: token_hash is not a SHA-256 hex digest, so no token can match it.
INSERT INTO event.integration (id, name, kind, enabled, token_hash, token_hint, default_severity, severity_mapping,
                               settings, description, created_at, created_by, updated_at, token_rotated_at)
VALUES ('6f1c0d55-0000-4000-8000-00000000a001', '人工上报 (manual reports)', 'manual', TRUE, 'manual:no-token', '—',
        'MAJOR', '{}', '{}', 'Anomalies reported by people through POST /api/v1/events/alerts', now(), 'system', now(),
        now())
ON CONFLICT DO NOTHING;
