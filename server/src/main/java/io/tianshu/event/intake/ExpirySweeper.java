package io.tianshu.event.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tianshu.event.AlertIntake;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntakeReceipt;
import io.tianshu.event.Severity;
import io.tianshu.event.SignalStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Alertmanager's resolve timeout: an active alert whose {@code endsAt} passed without a
 * re-send refreshing it is resolved (as Alertmanager considers such an alert resolved).
 * The sweep hands {@link SignalStatus#EXPIRED} signals to the intake, so the single
 * writer re-checks the deadline under its lock and a late re-send wins.
 */
@Component
class ExpirySweeper {

	private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

	private final JdbcClient jdbc;

	private final AlertIntake intake;

	private final Clock clock;

	ExpirySweeper(JdbcClient jdbc, AlertIntake intake, Clock clock) {
		this.jdbc = jdbc;
		this.intake = intake;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${tianshu.event.expiry-sweep:10s}", initialDelayString = "10s")
	void scheduled() {
		try {
			sweep();
		}
		catch (RuntimeException ex) {
			log.warn("Resolve-timeout sweep failed: {}", ex.getMessage());
		}
	}

	/**
	 * @return how many alerts it resolved
	 */
	int sweep() {
		Instant now = this.clock.instant();
		List<IncomingSignal> signals = this.jdbc.sql("""
				SELECT integration_id, fingerprint FROM event.alert
				WHERE auto_resolve AND state IN ('OPEN', 'ACKNOWLEDGED', 'SUPPRESSED') AND ends_at <= ?
				ORDER BY ends_at LIMIT 5000""")
			.param(java.sql.Timestamp.from(now))
			.query((rs, n) -> IncomingSignal
				.builder(rs.getObject(1, UUID.class), rs.getString(2), SignalStatus.EXPIRED, now)
				.severity(Severity.INFO, null)
				.build())
			.list();
		if (signals.isEmpty()) {
			return 0;
		}
		IntakeReceipt receipt = this.intake.submit(signals).join();
		return (int) receipt.outcomes().stream().filter((o) -> o.outcome() == IntakeReceipt.Outcome.RESOLVED).count();
	}

}
