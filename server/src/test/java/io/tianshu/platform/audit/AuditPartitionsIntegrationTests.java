package io.tianshu.platform.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditChainStatus;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Monthly partitions and retention on the real database. Old records are written with a
 * clock set back to 2001, into partitions of their own, so that dropping them touches
 * nothing other tests wrote.
 */
@TianshuIntegrationTest
class AuditPartitionsIntegrationTests {

	@Autowired
	AuditPartitions partitions;

	@Autowired
	ChainVerifier verifier;

	@Autowired
	Audit audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Authorization authorization;

	@Autowired
	JsonMapper json;

	@Autowired
	Clock clock;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void theCurrentAndTheNextTwoMonthsHavePartitionsFromTheStart() {
		YearMonth now = YearMonth.from(this.clock.instant().atOffset(ZoneOffset.UTC));
		assertThat(this.partitions.partitions()).contains("audit_record_default", name(now), name(now.plusMonths(1)),
				name(now.plusMonths(2)));
		assertThat(this.partitions.ensure(now)).isFalse();
	}

	@Test
	void expiredPartitionsAreDroppedAndTheirAnchorsKeepTheChainProvable() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.partitions.ensure(YearMonth.of(2001, 1))).isTrue();
		AuditRecords january = recordsAt("2001-01-15T10:00:00Z");
		for (int i = 0; i < 3; i++) {
			january.record(AuditEntry.success("test.retention.old", "thing", run + "-jan-" + i).by(Actor.SYSTEM));
		}
		assertThat(partitionOf(run + "-jan-0")).isEqualTo("platform.audit_record_p200101");
		// no partition for March 2001: the record lands in the default partition ...
		recordsAt("2001-03-10T10:00:00Z")
			.record(AuditEntry.success("test.retention.old", "thing", run + "-mar").by(Actor.SYSTEM));
		assertThat(partitionOf(run + "-mar")).isEqualTo("platform.audit_record_default");
		// ... and moves into the month's partition when that is created
		assertThat(this.partitions.ensure(YearMonth.of(2001, 3))).isTrue();
		assertThat(partitionOf(run + "-mar")).isEqualTo("platform.audit_record_p200103");
		this.audit.record(AuditEntry.success("test.retention.new", "thing", run + "-now").by(Actor.SYSTEM));
		long firstOldSeq = seqOf(run + "-jan-0");
		long newId = idOf(run + "-now");
		assertThat(this.verifier.verify().intact()).isTrue();

		List<String> dropped = this.partitions.dropExpired();

		assertThat(dropped).containsExactly("audit_record_p200101", "audit_record_p200103");
		assertThat(this.partitions.partitions()).doesNotContain("audit_record_p200101", "audit_record_p200103");
		assertThat(this.jdbc.sql("SELECT count(*) FROM platform.audit_record WHERE target_id LIKE ?")
			.param(run + "-%")
			.query(Long.class)
			.single()).isEqualTo(1);
		List<Map<String, Object>> anchors = this.jdbc
			.sql("SELECT first_seq, last_seq, record_count, partition_name FROM platform.audit_anchor "
					+ "WHERE first_seq >= ? ORDER BY first_seq")
			.param(firstOldSeq)
			.query()
			.listOfRows();
		assertThat(anchors).containsExactly(
				Map.of("first_seq", firstOldSeq, "last_seq", firstOldSeq + 2, "record_count", 3L, "partition_name",
						"audit_record_p200101"),
				Map.of("first_seq", firstOldSeq + 3, "last_seq", firstOldSeq + 3, "record_count", 1L, "partition_name",
						"audit_record_p200103"));
		AuditChainStatus status = this.verifier.verify();
		assertThat(status.intact()).as(status.reason()).isTrue();

		// a forged anchor does not bridge the gap
		String lastHash = this.jdbc.sql("SELECT last_hash FROM platform.audit_anchor WHERE first_seq = ?")
			.param(firstOldSeq)
			.query(String.class)
			.single();
		try {
			this.jdbc.sql("UPDATE platform.audit_anchor SET last_hash = ? WHERE first_seq = ?")
				.params("f".repeat(64), firstOldSeq)
				.update();
			AuditChainStatus forged = this.verifier.verify();
			assertThat(forged.intact()).isFalse();
			assertThat(forged.firstBrokenId()).isEqualTo(newId);
			assertThat(forged.reason()).startsWith("anchor-mismatch");
		}
		finally {
			this.jdbc.sql("UPDATE platform.audit_anchor SET last_hash = ? WHERE first_seq = ?")
				.params(lastHash, firstOldSeq)
				.update();
		}
		// without its anchor the gap is a gap
		Map<String, Object> anchor = this.jdbc.sql("SELECT * FROM platform.audit_anchor WHERE first_seq = ?")
			.param(firstOldSeq + 3)
			.query()
			.singleRow();
		try {
			this.jdbc.sql("DELETE FROM platform.audit_anchor WHERE first_seq = ?").param(firstOldSeq + 3).update();
			AuditChainStatus gap = this.verifier.verify();
			assertThat(gap.firstBrokenId()).isEqualTo(newId);
			assertThat(gap.reason()).startsWith("seq-gap");
		}
		finally {
			this.jdbc
				.sql("INSERT INTO platform.audit_anchor (first_seq, last_seq, first_prev_hash, last_hash, "
						+ "record_count, partition_name, dropped_at) VALUES (:first_seq, :last_seq, :first_prev_hash, "
						+ ":last_hash, :record_count, :partition_name, :dropped_at)")
				.params(anchor)
				.update();
		}
		assertThat(this.verifier.verify().intact()).isTrue();
		assertThat(this.partitions.dropExpired()).isEmpty();
	}

	private AuditRecords recordsAt(String instant) {
		return new AuditRecords(this.jdbc, this.authorization, this.json,
				Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), this.transactionManager, List.of());
	}

	private String partitionOf(String targetId) {
		return this.jdbc.sql("SELECT tableoid::regclass::text FROM platform.audit_record WHERE target_id = ?")
			.param(targetId)
			.query(String.class)
			.single();
	}

	private long seqOf(String targetId) {
		return this.jdbc.sql("SELECT seq FROM platform.audit_record WHERE target_id = ?")
			.param(targetId)
			.query(Long.class)
			.single();
	}

	private long idOf(String targetId) {
		return this.jdbc.sql("SELECT id FROM platform.audit_record WHERE target_id = ?")
			.param(targetId)
			.query(Long.class)
			.single();
	}

	private static String name(YearMonth month) {
		return String.format("audit_record_p%04d%02d", month.getYear(), month.getMonthValue());
	}

}
