package io.tianshu.event.statistics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.tianshu.event.EventPermissions;
import io.tianshu.event.EventStatistics;
import io.tianshu.platform.Authorization;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link EventStatistics} from {@code event.raw_event}, which keeps every received signal
 * with its status and intake outcome.
 */
@Service
class EventStatisticsQueries implements EventStatistics {

	private final JdbcClient jdbc;

	private final Authorization authorization;

	EventStatisticsQueries(JdbcClient jdbc, Authorization authorization) {
		this.jdbc = jdbc;
		this.authorization = authorization;
	}

	@Override
	@Transactional(readOnly = true)
	public Noise noise(Instant since) {
		this.authorization.require(EventPermissions.ALERT_READ);
		Map<String, Long> byOutcome = new TreeMap<>();
		long[] firing = new long[3];
		this.jdbc.sql("""
				SELECT outcome, status = 'FIRING' AS firing, sum(signals) AS n FROM event.raw_event
				WHERE received_at >= ? GROUP BY outcome, status = 'FIRING'""")
			.param(Timestamp.from(since))
			.query((rs) -> {
				String outcome = rs.getString("outcome");
				long n = rs.getLong("n");
				byOutcome.merge(outcome, n, Long::sum);
				if (rs.getBoolean("firing")) {
					firing[0] += n;
					if (outcome.equals("CREATED") || outcome.equals("REOPENED")) {
						firing[1] += n;
					}
					else if (outcome.equals("DUPLICATE") || outcome.equals("UPDATED")) {
						firing[2] += n;
					}
				}
			});
		long received = byOutcome.values().stream().mapToLong(Long::longValue).sum();
		return new Noise(since, received, firing[0], firing[1], firing[2], byOutcome);
	}

}
