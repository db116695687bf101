package io.tianshu.platform.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.platform.AuditChainStatus;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the hash chain in {@code seq} order, in batches, inside one repeatable-read
 * snapshot (so that the head and the records it reads agree even while others append). A
 * gap in {@code seq} is continuity only when a retention anchor covers it exactly.
 */
@Component
class ChainVerifier {

	static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final ObjectReader exactReader;

	private final TransactionTemplate snapshot;

	ChainVerifier(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.exactReader = AuditChain.exactReader(json);
		this.snapshot = new TransactionTemplate(transactionManager);
		this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setReadOnly(true);
	}

	AuditChainStatus verify() {
		return this.snapshot.execute((status) -> verifyInSnapshot());
	}

	private AuditChainStatus verifyInSnapshot() {
		Head head = this.jdbc.sql("SELECT last_seq, last_id, last_hash FROM platform.audit_chain_head WHERE id = 1")
			.query((rs, n) -> new Head(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3)))
			.single();
		Map<Long, Anchor> anchors = new HashMap<>();
		this.jdbc.sql("SELECT first_seq, last_seq, first_prev_hash, last_hash FROM platform.audit_anchor")
			.query((rs, n) -> new Anchor(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
			.list()
			.forEach((anchor) -> anchors.put(anchor.firstSeq(), anchor));
		long expectedSeq = 1;
		String prevHash = AuditChain.GENESIS;
		long checked = 0;
		long after = 0;
		while (true) {
			List<ChainedRecord> batch = this.jdbc.sql("""
					SELECT id, seq, occurred_at, actor_kind, actor_id, actor_name, token_id, source_address,
					  request_id, action, target_type, target_id, outcome, before::text, after::text, detail,
					  prev_hash, hash
					FROM platform.audit_record WHERE seq > ? ORDER BY seq, id LIMIT ?""")
				.params(after, BATCH)
				.query(ChainVerifier::row)
				.list();
			for (ChainedRecord r : batch) {
				while (r.seq() > expectedSeq) {
					Anchor anchor = anchors.get(expectedSeq);
					if (anchor == null) {
						return AuditChainStatus.broken(checked, r.id(),
								"seq-gap: seq " + expectedSeq
										+ ((r.seq() - 1 > expectedSeq) ? " to " + (r.seq() - 1) : "")
										+ " missing before this record");
					}
					if (!anchor.firstPrevHash().equals(prevHash) || anchor.lastSeq() >= r.seq()) {
						return AuditChainStatus.broken(checked, r.id(), "anchor-mismatch: the retention anchor for seq "
								+ anchor.firstSeq() + " to " + anchor.lastSeq() + " does not fit the chain");
					}
					prevHash = anchor.lastHash();
					expectedSeq = anchor.lastSeq() + 1;
				}
				if (r.seq() < expectedSeq) {
					return AuditChainStatus.broken(checked, r.id(),
							"seq-order: seq " + r.seq() + " appears again after seq " + (expectedSeq - 1));
				}
				if (!prevHash.equals(r.prevHash())) {
					return AuditChainStatus.broken(checked, r.id(),
							"prev-hash-mismatch: the record does not link to the record before it (seq " + r.seq()
									+ ")");
				}
				ChainedRecord canonical = canonicalise(r);
				if (canonical == null || !AuditChain.hash(prevHash, canonical).equals(r.hash())) {
					return AuditChainStatus.broken(checked, r.id(),
							"hash-mismatch: the stored record differs from what was hashed (seq " + r.seq() + ")");
				}
				prevHash = r.hash();
				expectedSeq++;
				checked++;
				after = r.seq();
			}
			if (batch.size() < BATCH) {
				break;
			}
		}
		// the newest records may have been dropped by retention only in theory; follow
		// anchors
		Anchor trailing;
		while ((trailing = anchors.get(expectedSeq)) != null && trailing.firstPrevHash().equals(prevHash)) {
			prevHash = trailing.lastHash();
			expectedSeq = trailing.lastSeq() + 1;
		}
		if (head.lastSeq() != expectedSeq - 1 || !head.lastHash().equals(prevHash)) {
			return AuditChainStatus.broken(checked, null,
					"head-mismatch: the chain ends at seq " + (expectedSeq - 1) + " but the head records seq "
							+ head.lastSeq() + ((head.lastId() != null) ? " (id " + head.lastId() + ")" : "")
							+ "; records at the end were removed or the head was altered");
		}
		return AuditChainStatus.intact(checked);
	}

	private ChainedRecord canonicalise(ChainedRecord r) {
		try {
			return new ChainedRecord(r.id(), r.seq(), r.occurredAt(), r.actorKind(), r.actorId(), r.actorName(),
					r.tokenId(), r.sourceAddress(), r.requestId(), r.action(), r.targetType(), r.targetId(),
					r.outcome(), AuditChain.canonicalJson(this.exactReader, r.before()),
					AuditChain.canonicalJson(this.exactReader, r.after()), r.detail(), r.prevHash(), r.hash());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static ChainedRecord row(ResultSet rs, int n) throws SQLException {
		return new ChainedRecord(rs.getLong("id"), rs.getLong("seq"),
				rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor_kind"),
				rs.getObject("actor_id", UUID.class), rs.getString("actor_name"), rs.getObject("token_id", UUID.class),
				rs.getString("source_address"), rs.getString("request_id"), rs.getString("action"),
				rs.getString("target_type"), rs.getString("target_id"), rs.getString("outcome"), rs.getString(14),
				rs.getString(15), rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
	}

	private record Head(long lastSeq, Long lastId, String lastHash) {
	}

	private record Anchor(long firstSeq, long lastSeq, String firstPrevHash, String lastHash) {
	}

}
