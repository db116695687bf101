-- relation_type_source_idx (V10) repeats the first two columns of the unique
-- (type_code, source_id, target_id) index, which serves the same walks by type and source;
-- each relation written paid for both.
DROP INDEX cmdb.relation_type_source_idx;
