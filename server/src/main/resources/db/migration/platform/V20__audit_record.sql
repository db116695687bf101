-- The audit trail (审计): one hash chain over all records, ordered by the gapless seq.
-- hash = SHA-256(prev_hash || '\n' || canonical form of the record), see AuditChain.
-- Monthly range partitions on occurred_at are created by AuditPartitions (current month
-- and the next two, checked daily); the DEFAULT partition catches anything else so an
-- insert never fails. The primary key includes the partition key, as PostgreSQL requires.
CREATE SEQUENCE platform.audit_record_id_seq;

CREATE TABLE platform.audit_record
(
  id             BIGINT NOT NULL,
  seq            BIGINT NOT NULL,
  occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  actor_kind     TEXT NOT NULL,
  actor_id       UUID,
  actor_name     TEXT,
  token_id       UUID,
  source_address TEXT,
  request_id     TEXT,
  action         TEXT NOT NULL,
  target_type    TEXT,
  target_id      TEXT,
  outcome        TEXT NOT NULL,
  before         JSONB,
  after          JSONB,
  detail         TEXT,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL,
  PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE TABLE platform.audit_record_default PARTITION OF platform.audit_record DEFAULT;

CREATE INDEX audit_record_seq_idx ON platform.audit_record (seq);
CREATE INDEX audit_record_occurred_at_idx ON platform.audit_record (occurred_at);
CREATE INDEX audit_record_actor_idx ON platform.audit_record (lower(actor_name), id);
CREATE INDEX audit_record_action_idx ON platform.audit_record (action text_pattern_ops);
CREATE INDEX audit_record_target_idx ON platform.audit_record (target_type, target_id, id);

-- The end of the chain as the writers left it: a truncated tail shows as a mismatch.
-- Writers take pg_advisory_xact_lock(AuditChain.LOCK_KEY) and update this row in the
-- same transaction as their insert.
CREATE TABLE platform.audit_chain_head
(
  id        SMALLINT PRIMARY KEY CHECK (id = 1),
  last_seq  BIGINT NOT NULL,
  last_id   BIGINT,
  last_hash TEXT NOT NULL
);

INSERT INTO platform.audit_chain_head (id, last_seq, last_id, last_hash)
VALUES (1, 0, NULL, '0000000000000000000000000000000000000000000000000000000000000000');

-- What retention dropped: each contiguous seq run of a dropped partition, so that the
-- verification still proves continuity across the gap.
CREATE TABLE platform.audit_anchor
(
  first_seq       BIGINT PRIMARY KEY,
  last_seq        BIGINT NOT NULL,
  first_prev_hash TEXT NOT NULL,
  last_hash       TEXT NOT NULL,
  record_count    BIGINT NOT NULL,
  partition_name  TEXT NOT NULL,
  dropped_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
