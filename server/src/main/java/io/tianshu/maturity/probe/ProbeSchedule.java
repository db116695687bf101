package io.tianshu.maturity.probe;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.tianshu.platform.Authorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every probe once a day ({@code tianshu.maturity.probes.cron}, default 02:30
 * Asia/Shanghai). With several nodes only one runs: the node that takes the advisory lock
 * and finds no run in the last 12 hours.
 */
@Component
class ProbeSchedule {

	private static final Logger log = LoggerFactory.getLogger(ProbeSchedule.class);

	private final ProbeRuns runs;

	private final Authorization authorization;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	ProbeSchedule(ProbeRuns runs, Authorization authorization, JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
		this.runs = runs;
		this.authorization = authorization;
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
	}

	@Scheduled(cron = "${tianshu.maturity.probes.cron:0 30 2 * * *}", zone = "Asia/Shanghai")
	void daily() {
		this.tx.executeWithoutResult((status) -> {
			boolean locked = Boolean.TRUE
				.equals(this.jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('maturity.probes'))")
					.query(Boolean.class)
					.single());
			boolean recent = this.runs.lastRunAt()
				.filter((at) -> at.isAfter(this.clock.instant().minus(Duration.ofHours(12))))
				.isPresent();
			if (!locked || recent) {
				return;
			}
			ProbeRun run = this.authorization
				.runAsSystem(() -> this.runs.run(List.of(), "SCHEDULE", this.runs.defaultSince()));
			log.info("Maturity probes run by schedule: {} results", run.results().size());
		});
	}

}
