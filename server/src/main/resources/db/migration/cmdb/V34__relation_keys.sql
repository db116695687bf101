-- A relation's type is its definition's type: one composite foreign key to the definition
-- (id, type_code) replaces the two single ones, so the database also refuses a relation whose
-- type differs from its definition's, and an insert pays for one reference check, not two.
-- The type itself stays guarded through relation_definition's own key to relation_type.
ALTER TABLE cmdb.relation_definition ADD CONSTRAINT relation_definition_id_type_key UNIQUE (id, type_code);
ALTER TABLE cmdb.relation
  DROP CONSTRAINT relation_type_code_fkey,
  DROP CONSTRAINT relation_definition_id_fkey,
  ADD CONSTRAINT relation_definition_fkey FOREIGN KEY (definition_id, type_code)
    REFERENCES cmdb.relation_definition (id, type_code);

-- The unique key led by the source serves the walks from a CI (source_id, type_code), which
-- had an index of their own; each relation written paid for both.
ALTER TABLE cmdb.relation ADD CONSTRAINT relation_source_type_target_key UNIQUE (source_id, type_code, target_id);
ALTER TABLE cmdb.relation DROP CONSTRAINT relation_type_code_source_id_target_id_key;
DROP INDEX cmdb.relation_source_idx;
