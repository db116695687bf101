package io.tianshu.platform.audit;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.web.CurrentRequest;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends audit records to the hash chain in the caller's transaction (or in one of its
 * own when there is none). Appends are serialised by a transaction-scoped advisory lock
 * and the chain head row, so concurrent transactions form one linear chain with a gapless
 * {@code seq}. The lock is held until the caller commits; the critical section itself is
 * one head read, one insert and one head update. Committed records are handed to the SIEM
 * forwarder, when one is configured, after the commit.
 */
@Component
class AuditRecords implements Audit {

	private final JdbcClient jdbc;

	private final Authorization authorization;

	private final JsonMapper json;

	private final ObjectReader exactReader;

	private final Clock clock;

	private final TransactionTemplate tx;

	private final List<SyslogForwarder> forwarders;

	@Autowired
	AuditRecords(JdbcClient jdbc, Authorization authorization, JsonMapper json, Clock clock,
			PlatformTransactionManager transactionManager, ObjectProvider<SyslogForwarder> forwarder) {
		this(jdbc, authorization, json, clock, transactionManager, forwarder.orderedStream().toList());
	}

	AuditRecords(JdbcClient jdbc, Authorization authorization, JsonMapper json, Clock clock,
			PlatformTransactionManager transactionManager, List<SyslogForwarder> forwarders) {
		this.jdbc = jdbc;
		this.authorization = authorization;
		// nulls stay explicit in before/after: "email": null is part of what changed
		this.json = json.rebuild()
			.changeDefaultPropertyInclusion(
					(incl) -> JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
			.build();
		this.exactReader = AuditChain.exactReader(json);
		this.clock = clock;
		this.tx = new TransactionTemplate(transactionManager);
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
		this.forwarders = List.copyOf(forwarders);
	}

	@Override
	public void record(AuditEntry entry) {
		if (entry == null || entry.action() == null || entry.action().isBlank() || entry.outcome() == null) {
			throw new IllegalArgumentException("An audit entry needs an action and an outcome");
		}
		Actor actor = (entry.actor() != null) ? entry.actor() : this.authorization.currentActor();
		String before = AuditChain.canonicalValue(this.json, this.exactReader, entry.before());
		String after = AuditChain.canonicalValue(this.json, this.exactReader, entry.after());
		String sourceAddress = AuditChain.clean(CurrentRequest.sourceAddress());
		String requestId = AuditChain.clean(CurrentRequest.requestId());
		this.tx.executeWithoutResult((status) -> {
			ChainedRecord record = append(actor, entry, before, after, sourceAddress, requestId);
			if (!this.forwarders.isEmpty() && TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCommit() {
						AuditRecords.this.forwarders.forEach((forwarder) -> forwarder.offer(record));
					}
				});
			}
		});
	}

	private ChainedRecord append(Actor actor, AuditEntry entry, String before, String after, String sourceAddress,
			String requestId) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(AuditChain.LOCK_KEY).query((rs, n) -> 1).single();
		Head head = this.jdbc.sql("SELECT last_seq, last_hash FROM platform.audit_chain_head WHERE id = 1")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.single();
		long id = this.jdbc.sql("SELECT nextval('platform.audit_record_id_seq')").query(Long.class).single();
		// time is taken under the lock, so occurred_at follows seq (unless the clock
		// steps
		// back); truncated to what PostgreSQL stores before it is hashed
		ChainedRecord unhashed = new ChainedRecord(id, head.lastSeq() + 1, AuditChain.truncate(this.clock.instant()),
				actor.kind().name(), actor.userId(), AuditChain.clean(actor.name()), actor.tokenId(), sourceAddress,
				requestId, AuditChain.clean(entry.action()), AuditChain.clean(entry.targetType()),
				AuditChain.clean(entry.targetId()), entry.outcome().name(), before, after,
				AuditChain.clean(entry.detail()), null, null);
		ChainedRecord record = unhashed.withHashes(head.lastHash(), AuditChain.hash(head.lastHash(), unhashed));
		this.jdbc.sql("""
				INSERT INTO platform.audit_record (id, seq, occurred_at, actor_kind, actor_id, actor_name, token_id,
				  source_address, request_id, action, target_type, target_id, outcome, before, after, detail,
				  prev_hash, hash)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)""")
			.params(record.id(), record.seq(), record.occurredAt().atOffset(ZoneOffset.UTC), record.actorKind(),
					record.actorId(), record.actorName(), record.tokenId(), record.sourceAddress(), record.requestId(),
					record.action(), record.targetType(), record.targetId(), record.outcome(), record.before(),
					record.after(), record.detail(), record.prevHash(), record.hash())
			.update();
		this.jdbc.sql("UPDATE platform.audit_chain_head SET last_seq = ?, last_id = ?, last_hash = ? WHERE id = 1")
			.params(record.seq(), record.id(), record.hash())
			.update();
		return record;
	}

	private record Head(long lastSeq, String lastHash) {
	}

}
