-- Re-sends of an alert (duplicates) change only last_seen, duplicates, ends_at and version.
-- So that PostgreSQL can apply them as HOT updates (no new entry in any of the alert's
-- indexes), no b-tree index may cover those columns and the pages need room for the new
-- row version:
-- * last_seen gets a BRIN index instead of a b-tree (since PostgreSQL 16 a change of a column
--   that only summarising indexes cover still allows a HOT update);
-- * the expiry sweep finds due alerts through alert_state_idx (it filters on ends_at there);
-- * the alert partitions keep a quarter of each page free (new monthly partitions too, see
--   EventPartitions).
DROP INDEX event.alert_last_seen_idx;
CREATE INDEX alert_last_seen_idx ON event.alert USING brin (last_seen);
DROP INDEX event.alert_expiry_idx;

DO $$
DECLARE
  part TEXT;
BEGIN
  FOR part IN SELECT c.oid::regclass::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
              WHERE i.inhparent = 'event.alert'::regclass
  LOOP
    EXECUTE format('ALTER TABLE %s SET (fillfactor = 75)', part);
  END LOOP;
END $$;
