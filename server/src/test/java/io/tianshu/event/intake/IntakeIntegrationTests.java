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

}
