package io.tianshu.event.intake;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.event.AlertIntake;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntakeReceipt;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.Severity;
import io.tianshu.event.SignalStatus;
import io.tianshu.event.integration.IntegrationDraft;
import io.tianshu.event.integration.IntegrationStore;
import io.tianshu.platform.Authorization;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@TianshuIntegrationTest
class IntakeIntegrationTests {

	private static final Instant STARTED = Instant.parse("2025-03-01T00:00:00Z");

	@Autowired
	AlertIntake intake;

	@Autowired
	IntegrationStore integrations;

	@Autowired
	Authorization authorization;

	@Autowired
	ExpirySweeper sweeper;

	@Autowired
	EventPartitions partitions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	javax.sql.DataSource dataSource;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	private UUID integration(IntegrationKind kind) {
		return this.authorization.runAsSystem(() -> this.integrations
			.create(new IntegrationDraft(kind.code() + " " + UUID.randomUUID(), kind, true, null, null, null, null))
			.id());
	}

	@Test
	void concurrentSubmissionsShareTransactionsAndCompleteAfterCommit() {
		UUID id = integration(IntegrationKind.SYSLOG);
		List<CompletableFuture<IntakeReceipt>> futures = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			futures.add(
					this.intake.submit(List.of(IncomingSignal.builder(id, "fp-" + i, SignalStatus.FIRING, Instant.now())
						.severity(Severity.MINOR, "minor")
						.startsAt(STARTED)
						.summary("line " + i)
						.build())));
		}
		List<IntakeReceipt> receipts = futures.stream().map(CompletableFuture::join).toList();
		assertThat(receipts).allMatch((r) -> r.outcomes().get(0).outcome() == IntakeReceipt.Outcome.CREATED);
		assertThat(receipts).anyMatch((r) -> r.batchSignals() > 1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM event.alert WHERE integration_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(200);
		// the same signals again: duplicates, no new alert
		IntakeReceipt again = this.intake
			.submit(List.of(IncomingSignal.builder(id, "fp-1", SignalStatus.FIRING, Instant.now())
				.severity(Severity.MINOR, "minor")
				.startsAt(STARTED)
				.summary("line 1")
				.build()))
			.join();
		assertThat(again.outcomes().get(0).outcome()).isEqualTo(IntakeReceipt.Outcome.DUPLICATE);
	}

	@Test
	void anAlertNotResentBeforeItsEndResolvesLikeAlertmanagersResolveTimeout() {
		UUID id = integration(IntegrationKind.PROMETHEUS);
		Instant now = Instant.now();
		IntakeReceipt fired = this.intake.submit(List.of(IncomingSignal.builder(id, "timeout", SignalStatus.FIRING, now)
			.endsAt(now.minus(Duration.ofSeconds(1)).plusMillis(500), true)
			.build())).join();
		long alert = fired.outcomes().get(0).alertId();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			this.sweeper.sweep();
			return "RESOLVED".equals(this.jdbc.sql("SELECT state FROM event.alert WHERE id = ?")
				.param(alert)
				.query(String.class)
				.single());
		});
	}

	@Test
	void monthlyPartitionsAreCreatedAheadAndDroppedAfterRetention() {
		for (String table : EventPartitions.TABLES.keySet()) {
			String current = table + "_p" + String.format("%04d%02d", YearMonth.now(java.time.ZoneOffset.UTC).getYear(),
					YearMonth.now(java.time.ZoneOffset.UTC).getMonthValue());
			assertThat(this.partitions.partitions(table)).contains(current);
		}
		YearMonth old = YearMonth.of(2001, 1);
		assertThat(this.partitions.ensure("raw_event", old)).isTrue();
		assertThat(this.partitions.ensure("raw_event", old)).isFalse();
		assertThat(this.partitions.partitions("raw_event")).contains("raw_event_p200101");
		assertThat(this.partitions.dropExpired()).contains("raw_event_p200101");
		assertThat(this.partitions.partitions("raw_event")).doesNotContain("raw_event_p200101");
	}

	@Test
	void aLaterStartOfAnActiveAlertIsADuplicateAsAlertmanagerKeepsTheEarliestStart() {
		UUID id = integration(IntegrationKind.PROMETHEUS);
		IncomingSignal first = firing(id, "merge", STARTED);
		long alert = this.intake.submit(List.of(first)).join().outcomes().get(0).alertId();
		// a sender that omits startsAt gets "now" each time: still the same alert
		// instance
		IntakeReceipt later = this.intake.submit(List.of(firing(id, "merge", STARTED.plusSeconds(60)))).join();
		assertThat(later.outcomes().get(0).outcome()).isEqualTo(IntakeReceipt.Outcome.DUPLICATE);
		assertThat(this.jdbc.sql("SELECT starts_at FROM event.alert WHERE id = ?")
			.param(alert)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()).isEqualTo(STARTED);
		// an earlier start is taken, as Alertmanager's merge does
		IntakeReceipt earlier = this.intake.submit(List.of(firing(id, "merge", STARTED.minusSeconds(60)))).join();
		assertThat(earlier.outcomes().get(0).outcome()).isEqualTo(IntakeReceipt.Outcome.UPDATED);
		assertThat(this.jdbc.sql("SELECT starts_at FROM event.alert WHERE id = ?")
			.param(alert)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()).isEqualTo(STARTED.minusSeconds(60));
	}

	@Test
	void aChangeMadeWhileABatchIsWrittenIsKeptAndTheBatchIsWrittenAgainWithLocks() throws Exception {
		UUID id = integration(IntegrationKind.PROMETHEUS);
		long alert = this.intake.submit(List.of(firing(id, "race", STARTED))).join().outcomes().get(0).alertId();
		double relockedBefore = this.meters.counter("tianshu.event.intake.relocked").count();
		try (java.sql.Connection other = this.dataSource.getConnection()) {
			// a lifecycle change holds the alert's row while the intake reads it unlocked
			other.setAutoCommit(false);
			try (var ps = other.prepareStatement(
					"UPDATE event.alert SET state = 'ACKNOWLEDGED', acknowledged_by = 'race-test', version = version + 1 "
							+ "WHERE id = ?")) {
				ps.setLong(1, alert);
				assertThat(ps.executeUpdate()).isEqualTo(1);
			}
			CompletableFuture<IntakeReceipt> resend = this.intake.submit(List.of(firing(id, "race", STARTED)));
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> this.jdbc
					.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
							+ "AND query LIKE 'UPDATE event.alert a SET%'")
					.query(Long.class)
					.single() > 0);
			other.commit();
			assertThat(resend.get(20, java.util.concurrent.TimeUnit.SECONDS).outcomes().get(0).outcome())
				.isEqualTo(IntakeReceipt.Outcome.DUPLICATE);
		}
		assertThat(this.meters.counter("tianshu.event.intake.relocked").count()).isGreaterThan(relockedBefore);
		var row = this.jdbc.sql("SELECT state, acknowledged_by, duplicates, version FROM event.alert WHERE id = ?")
			.param(alert)
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)))
			.single();
		// the acknowledgement is kept, the re-send counted once, the version raised by
		// both
		assertThat(row).containsExactly("ACKNOWLEDGED", "race-test", 1, 3);
	}

	@Test
	void theWriterRemembersWhatItWroteButAChangeMadeSinceIsNotOverwritten() {
		UUID id = integration(IntegrationKind.PROMETHEUS);
		long alert = this.intake.submit(List.of(firing(id, "remembered", STARTED))).join().outcomes().get(0).alertId();
		// a re-send: answered from what the writer remembers, no read of the alert
		assertThat(this.intake.submit(List.of(firing(id, "remembered", STARTED))).join().outcomes().get(0).outcome())
			.isEqualTo(IntakeReceipt.Outcome.DUPLICATE);
		double relockedBefore = this.meters.counter("tianshu.event.intake.relocked").count();
		// someone resolves the alert (as the lifecycle API does: the version is raised)
		assertThat(this.jdbc
			.sql("UPDATE event.alert SET state = 'RESOLVED', resolved_at = now(), version = version + 1 WHERE id = ?")
			.param(alert)
			.update()).isEqualTo(1);
		// the remembered state is stale (open): the guarded write notices, the batch is
		// written again with locks and sees the resolved alert, which the changed firing
		// signal reopens (against the stale state it would have been an update)
		IncomingSignal changed = IncomingSignal.builder(id, "remembered", SignalStatus.FIRING, Instant.now())
			.severity(Severity.MAJOR, "major")
			.startsAt(STARTED)
			.summary("intake remembered, worse")
			.build();
		IntakeReceipt again = this.intake.submit(List.of(changed)).join();
		assertThat(again.outcomes().get(0).outcome()).isEqualTo(IntakeReceipt.Outcome.REOPENED);
		assertThat(again.outcomes().get(0).alertId()).isEqualTo(alert);
		assertThat(this.meters.counter("tianshu.event.intake.relocked").count()).isEqualTo(relockedBefore + 1);
		// what the locked write committed is remembered in turn: the next re-send needs
		// no
		// second attempt
		assertThat(this.intake.submit(List.of(changed)).join().outcomes().get(0).outcome())
			.isEqualTo(IntakeReceipt.Outcome.DUPLICATE);
		assertThat(this.meters.counter("tianshu.event.intake.relocked").count()).isEqualTo(relockedBefore + 1);
		var row = this.jdbc.sql("SELECT state, occurrences, duplicates FROM event.alert WHERE id = ?")
			.param(alert)
			.query((rs, n) -> List.of(rs.getString(1), rs.getInt(2), rs.getInt(3)))
			.single();
		assertThat(row).containsExactly("OPEN", 2, 2);
	}

	private static IncomingSignal firing(UUID integration, String fingerprint, Instant startsAt) {
		return IncomingSignal.builder(integration, fingerprint, SignalStatus.FIRING, Instant.now())
			.severity(Severity.MAJOR, "major")
			.startsAt(startsAt)
			.summary("intake " + fingerprint)
			.build();
	}

}
