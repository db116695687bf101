-- Re-sends of an unchanged alert (the bulk of what Prometheus and Alertmanager post) are
-- acknowledged once journaled: one row per intake transaction holding every re-send it
-- took, instead of an alert update and a raw event row per re-send. The intake folds the
-- journal into the alerts (last seen, duplicates, the refreshed resolve timeout) and into
-- raw events within seconds, coalescing the re-sends of one alert into one row, and
-- deletes what it folded; what a crash leaves here is folded at the next start.
CREATE TABLE event.resend_journal
(
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  written_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  entries    BYTEA NOT NULL
);

-- How many received signals a raw event row stands for: 1, or the coalesced re-sends of
-- one alert (outcome DUPLICATE) folded together; the counts over raw events sum it.
ALTER TABLE event.raw_event ADD COLUMN signals INT NOT NULL DEFAULT 1;
