-- Raw events are append-only and arrive in received_at order, and every query over them
-- filters a received_at range (analytics, statistics, noise figures); one of them adds an
-- integration. A BRIN index on received_at serves those ranges at a fraction of the cost of
-- keeping a b-tree entry per received signal, which the intake paid on every alert.
DROP INDEX event.raw_event_integration_idx;
CREATE INDEX raw_event_received_idx ON event.raw_event USING brin (received_at);
