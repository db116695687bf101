package io.tianshu.platform.audit;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditChainStatus;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.audit.AuditProperties.Protocol;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hash chain against the real database: tampering with rows by SQL is detected at the
 * record it hits. Every tampering test works on records it appended itself and restores
 * them exactly afterwards, so the shared database's chain is intact for other tests.
 */
@TianshuIntegrationTest
class AuditChainIntegrationTests {

	@Autowired
	Audit audit;

	@Autowired
	ChainVerifier verifier;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	Authorization authorization;

	@Autowired
	JsonMapper json;

	@Autowired
	Clock clock;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void anUntouchedChainIsIntact() {
		append(3);
		AuditChainStatus status = this.verifier.verify();
		assertThat(status).isEqualTo(AuditChainStatus.intact(count()));
		assertThat(status.checkedRecords()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void recordRollsBackWithTheCallersTransaction() {
		long before = count();
		long headBefore = headSeq();
		String target = "t-" + UUID.randomUUID();
		this.tx.executeWithoutResult((status) -> {
			this.audit.record(AuditEntry.success("test.thing.created", "thing", target).by(Actor.SYSTEM));
			status.setRollbackOnly();
		});
		assertThat(count()).isEqualTo(before);
		assertThat(headSeq()).isEqualTo(headBefore);
		this.audit.record(AuditEntry.success("test.thing.created", "thing", target).withChange(null, Map.of("a", 1)));
		assertThat(count()).isEqualTo(before + 1);
		assertThat(headSeq()).isEqualTo(headBefore + 1);
		assertThat(this.jdbc.sql("SELECT after->>'a' FROM platform.audit_record WHERE target_id = ?")
			.param(target)
			.query(String.class)
			.single()).isEqualTo("1");
		assertThat(this.verifier.verify().intact()).isTrue();
	}

	@Test
	void changingAnyStoredFieldBreaksTheChainAtThatRecord() {
		List<String> forgeries = List.of("action = 'platform.user.deleted'", "detail = 'forged'",
				"actor_name = 'mallory'", "outcome = 'FAILURE'", "target_id = 'other'", "source_address = '6.6.6.6'",
				"before = '{\"forged\": true}'::jsonb", "after = NULL",
				"occurred_at = occurred_at + interval '1 microsecond'", "actor_kind = 'USER'");
		List<Long> ids = append(4);
		long victim = ids.get(1);
		for (String forgery : forgeries) {
			tampered(ids,
					() -> this.jdbc.sql("UPDATE platform.audit_record SET " + forgery + " WHERE id = ?")
						.param(victim)
						.update(),
					(status) -> {
						assertThat(status.intact()).as(forgery).isFalse();
						assertThat(status.firstBrokenId()).as(forgery).isEqualTo(victim);
						assertThat(status.reason()).as(forgery).startsWith("hash-mismatch");
					});
		}
	}

	@Test
	void equivalentJsonSpellingIsNotTampering() {
		List<Long> ids = appendWithChange(2);
		tampered(ids,
				() -> this.jdbc
					.sql("UPDATE platform.audit_record SET after = '{\"b\": 2.0, \"a\": \"x\"}'::jsonb WHERE id = ?")
					.param(ids.get(0))
					.update(),
				(status) -> assertThat(status.intact()).isTrue());
	}

	@Test
	void aForgedHashIsCaughtByTheNextRecordsLink() {
		List<Long> ids = append(3);
		// a forger who also recomputes the hash of the record he changed still breaks the
		// link of the record after it
		tampered(ids, () -> {
			this.jdbc.sql("UPDATE platform.audit_record SET detail = 'forged' WHERE id = ?").param(ids.get(0)).update();
			ChainedRecord forged = this.jdbc.sql("""
					SELECT id, seq, occurred_at, actor_kind, actor_id, actor_name, token_id, source_address,
					  request_id, action, target_type, target_id, outcome, before::text, after::text, detail,
					  prev_hash, hash FROM platform.audit_record WHERE id = ?""")
				.param(ids.get(0))
				.query(ChainVerifier::row)
				.single();
			var reader = AuditChain.exactReader(this.json);
			ChainedRecord canonical = new ChainedRecord(forged.id(), forged.seq(), forged.occurredAt(),
					forged.actorKind(), forged.actorId(), forged.actorName(), forged.tokenId(), forged.sourceAddress(),
					forged.requestId(), forged.action(), forged.targetType(), forged.targetId(), forged.outcome(),
					AuditChain.canonicalJson(reader, forged.before()), AuditChain.canonicalJson(reader, forged.after()),
					forged.detail(), null, null);
			this.jdbc.sql("UPDATE platform.audit_record SET hash = ? WHERE id = ?")
				.params(AuditChain.hash(forged.prevHash(), canonical), ids.get(0))
				.update();
		}, (status) -> {
			assertThat(status.firstBrokenId()).isEqualTo(ids.get(1));
			assertThat(status.reason()).startsWith("prev-hash-mismatch");
		});
	}

	@Test
	void deletingARecordInTheMiddleBreaksTheChain() {
		List<Long> ids = append(3);
		tampered(ids, () -> this.jdbc.sql("DELETE FROM platform.audit_record WHERE id = ?").param(ids.get(1)).update(),
				(status) -> {
					assertThat(status.intact()).isFalse();
					assertThat(status.firstBrokenId()).isEqualTo(ids.get(2));
					assertThat(status.reason()).startsWith("seq-gap");
				});
	}

	@Test
	void reorderingRecordsBreaksTheChain() {
		List<Long> ids = append(4);
		tampered(ids, () -> this.jdbc.sql("""
				UPDATE platform.audit_record r SET seq = o.seq
				FROM platform.audit_record o
				WHERE (r.id, o.id) IN ((:a, :b), (:b, :a))""").param("a", ids.get(1)).param("b", ids.get(2)).update(),
				(status) -> {
					assertThat(status.intact()).isFalse();
					// ids[2] now comes first, and does not link to ids[0]
					assertThat(status.firstBrokenId()).isEqualTo(ids.get(2));
					assertThat(status.reason()).startsWith("prev-hash-mismatch");
				});
		tampered(ids, () -> this.jdbc.sql("""
				UPDATE platform.audit_record r SET action = o.action, target_id = o.target_id, detail = o.detail
				FROM platform.audit_record o
				WHERE (r.id, o.id) IN ((:a, :b), (:b, :a))""").param("a", ids.get(1)).param("b", ids.get(2)).update(),
				(status) -> {
					assertThat(status.firstBrokenId()).isEqualTo(ids.get(1));
					assertThat(status.reason()).startsWith("hash-mismatch");
				});
	}

	@Test
	void truncatingTheTailIsCaughtByTheHead() {
		List<Long> ids = append(3);
		this.tx.executeWithoutResult((status) -> {
			// nobody appends in between while this test holds the chain lock
			this.jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(AuditChain.LOCK_KEY).query((rs, n) -> 1).single();
			assertThat(this.jdbc.sql("SELECT last_id FROM platform.audit_chain_head").query(Long.class).single())
				.isEqualTo(ids.get(2));
		});
		tampered(ids,
				() -> this.jdbc.sql("DELETE FROM platform.audit_record WHERE id IN (:ids)")
					.param("ids", ids.subList(1, 3))
					.update(),
				(status) -> {
					assertThat(status.intact()).isFalse();
					assertThat(status.firstBrokenId()).isNull();
					assertThat(status.reason()).startsWith("head-mismatch").contains("id " + ids.get(2));
				});
		tampered(ids,
				() -> this.jdbc.sql("UPDATE platform.audit_chain_head SET last_seq = last_seq - 2, last_id = ?")
					.param(ids.get(0))
					.update(),
				(status) -> assertThat(status.reason()).startsWith("head-mismatch"));
	}

	@Test
	void concurrentAppendsFormOneGaplessChain() throws Exception {
		String action = "test.concurrent." + UUID.randomUUID().toString().substring(0, 8);
		int threads = 8;
		int txPerThread = 25;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < txPerThread; i++) {
						String txId = thread + "-" + i;
						this.tx.executeWithoutResult((status) -> {
							this.audit.record(AuditEntry.success(action, "tx", txId).by(Actor.SYSTEM));
							this.audit.record(AuditEntry.success(action, "tx", txId).by(Actor.SYSTEM));
						});
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}
		List<Map<String, Object>> rows = this.jdbc
			.sql("SELECT seq, target_id FROM platform.audit_record WHERE action = ? ORDER BY seq")
			.param(action)
			.query()
			.listOfRows();
		assertThat(rows).hasSize(threads * txPerThread * 2);
		long first = (Long) rows.get(0).get("seq");
		for (int i = 0; i < rows.size(); i++) {
			assertThat(rows.get(i).get("seq")).isEqualTo(first + i);
		}
		// the lock is held until commit, so the two records of one transaction are
		// adjacent
		for (int i = 0; i < rows.size(); i += 2) {
			assertThat(rows.get(i).get("target_id")).isEqualTo(rows.get(i + 1).get("target_id"));
		}
		assertThat(this.verifier.verify().intact()).isTrue();
	}

	@Test
	void timeIsTruncatedToMicrosecondsBeforeItIsHashed() {
		Clock nanos = Clock.fixed(Instant.parse("2026-05-04T03:02:01.123456789Z"), ZoneOffset.UTC);
		AuditRecords records = new AuditRecords(this.jdbc, this.authorization, this.json, nanos,
				this.transactionManager, List.of());
		String target = "nanos-" + UUID.randomUUID();
		records.record(AuditEntry.success("test.time.truncated", "thing", target).by(Actor.SYSTEM));
		OffsetDateTime stored = this.jdbc.sql("SELECT occurred_at FROM platform.audit_record WHERE target_id = ?")
			.param(target)
			.query(OffsetDateTime.class)
			.single();
		assertThat(stored.toInstant()).isEqualTo(Instant.parse("2026-05-04T03:02:01.123456Z"));
		assertThat(this.verifier.verify().intact()).isTrue();
	}

	@Test
	void secretsNeverReachTheTable() {
		String target = "secret-" + UUID.randomUUID();
		this.audit.record(AuditEntry.success("test.secret.changed", "secret", target)
			.withChange(Map.of("name", "db", "password", "hunter2"),
					Map.of("name", "db", "password", "hunter3", "apiToken", "tsk_live_123")));
		String stored = this.jdbc
			.sql("SELECT before::text || after::text FROM platform.audit_record WHERE target_id = ?")
			.param(target)
			.query(String.class)
			.single();
		assertThat(stored).contains("\"name\": \"db\"").contains("******").doesNotContain("hunter", "tsk_live");
	}

	@Test
	void onlyCommittedRecordsAreForwarded() throws Exception {
		try (DatagramSocket siem = new DatagramSocket(0, InetAddress.getLoopbackAddress());
				SyslogForwarder forwarder = new SyslogForwarder("127.0.0.1", siem.getLocalPort(), Protocol.UDP,
						"tianshu", 100, null)) {
			siem.setSoTimeout(10_000);
			AuditRecords records = new AuditRecords(this.jdbc, this.authorization, this.json, this.clock,
					this.transactionManager, List.of(forwarder));
			String rolledBack = "rolled-back-" + UUID.randomUUID();
			String committed = "committed-" + UUID.randomUUID();
			this.tx.executeWithoutResult((status) -> {
				records.record(AuditEntry.success("test.forward.dropped", "thing", rolledBack).by(Actor.SYSTEM));
				status.setRollbackOnly();
			});
			this.tx.executeWithoutResult((status) -> {
				records.record(AuditEntry.success("test.forward.sent", "thing", committed).by(Actor.SYSTEM));
				// not sent before the commit
				assertThat(forwarder.sent()).isZero();
			});
			// the forwarder sends in order: had the rolled-back record gone out, it would
			// arrive first
			DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
			siem.receive(packet);
			String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
			assertThat(message).contains("target=\"thing/" + committed + "\"").doesNotContain(rolledBack);
			await().until(() -> forwarder.sent() == 1);
			assertThat(forwarder.dropped()).isZero();
		}
	}

	private List<Long> append(int n) {
		String action = "test.chain." + UUID.randomUUID().toString().substring(0, 8);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			this.audit.record(new AuditEntry(action, "thing", "t-" + i, AuditEntry.Outcome.SUCCESS,
					Map.of("n", i, "label", "before " + i), Map.of("n", i + 1), "detail " + i, Actor.SYSTEM));
		}
		ids.addAll(this.jdbc.sql("SELECT id FROM platform.audit_record WHERE action = ? ORDER BY seq")
			.param(action)
			.query(Long.class)
			.list());
		assertThat(ids).hasSize(n);
		return ids;
	}

	private List<Long> appendWithChange(int n) {
		String action = "test.json." + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < n; i++) {
			this.audit.record(new AuditEntry(action, "thing", "t-" + i, AuditEntry.Outcome.SUCCESS, null,
					Map.of("a", "x", "b", 2), null, Actor.SYSTEM));
		}
		return this.jdbc.sql("SELECT id FROM platform.audit_record WHERE action = ? ORDER BY seq")
			.param(action)
			.query(Long.class)
			.list();
	}

	/**
	 * Backs up the records and the head, tampers, checks the verification, and restores
	 * both exactly; afterwards the chain must be intact again.
	 */
	private void tampered(List<Long> ids, Runnable tamper, java.util.function.Consumer<AuditChainStatus> check) {
		String suffix = UUID.randomUUID().toString().replace("-", "");
		String records = "public.audit_backup_" + suffix;
		String head = "public.audit_head_backup_" + suffix;
		this.jdbc.sql("CREATE TABLE " + records + " AS SELECT * FROM platform.audit_record WHERE id IN (:ids)")
			.param("ids", ids)
			.update();
		this.jdbc.sql("CREATE TABLE " + head + " AS SELECT * FROM platform.audit_chain_head").update();
		try {
			tamper.run();
			check.accept(this.verifier.verify());
		}
		finally {
			this.tx.executeWithoutResult((status) -> {
				this.jdbc.sql("SELECT pg_advisory_xact_lock(?)")
					.param(AuditChain.LOCK_KEY)
					.query((rs, n) -> 1)
					.single();
				this.jdbc.sql("DELETE FROM platform.audit_record WHERE id IN (:ids)").param("ids", ids).update();
				this.jdbc.sql("INSERT INTO platform.audit_record SELECT * FROM " + records).update();
				// appends by others meanwhile moved the head on legitimately: restore it
				// only where this test changed it
				this.jdbc
					.sql("UPDATE platform.audit_chain_head h SET last_seq = b.last_seq, last_id = b.last_id, "
							+ "last_hash = b.last_hash FROM " + head + " b WHERE h.last_seq < b.last_seq "
							+ "OR (h.last_seq = b.last_seq AND h.last_hash <> b.last_hash)")
					.update();
				this.jdbc.sql("DROP TABLE " + records).update();
				this.jdbc.sql("DROP TABLE " + head).update();
			});
		}
		assertThat(this.verifier.verify().intact()).as("restored").isTrue();
	}

	private long count() {
		return this.jdbc.sql("SELECT count(*) FROM platform.audit_record").query(Long.class).single();
	}

	private long headSeq() {
		return this.jdbc.sql("SELECT last_seq FROM platform.audit_chain_head").query(Long.class).single();
	}

}
