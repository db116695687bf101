package io.tianshu.event.convergence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.tianshu.event.ConvergenceStatistics;
import io.tianshu.event.EventPermissions;
import io.tianshu.platform.Authorization;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link ConvergenceStatistics} from the grouping rules, {@code event.alert_group} and
 * its members, {@code event.raw_event}, the inhibition settings and
 * {@code event.alert_suppression}.
 */
@Service
class ConvergenceFigures implements ConvergenceStatistics {

	private final JdbcClient jdbc;

	private final Authorization authorization;

	ConvergenceFigures(JdbcClient jdbc, Authorization authorization) {
		this.jdbc = jdbc;
		this.authorization = authorization;
	}

	@Override
	@Transactional(readOnly = true)
	public Convergence convergence(Instant since, Instant until) {
		this.authorization.require(EventPermissions.ALERT_READ);
		Timestamp from = Timestamp.from(since);
		Timestamp to = Timestamp.from(until);
		long[] rules = this.jdbc.sql("SELECT count(*), count(*) FILTER (WHERE enabled) FROM event.grouping_rule")
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		// members added by the window's end, of the groups created in it
		long[] groups = this.jdbc
			.sql("""
					WITH g AS (SELECT id FROM event.alert_group WHERE created_at >= :from AND created_at <= :to),
					m AS (SELECT m.group_id, m.alert_id FROM event.alert_group_member m JOIN g ON g.id = m.group_id
					  WHERE m.added_at <= :to),
					sizes AS (SELECT g.id, count(m.alert_id) AS n FROM g LEFT JOIN m ON m.group_id = g.id GROUP BY g.id)
					SELECT (SELECT count(*) FROM sizes), (SELECT count(*) FROM sizes WHERE n >= 2),
					  (SELECT count(DISTINCT alert_id) FROM m), (SELECT count(*) FROM m),
					  (SELECT coalesce(sum(r.signals), 0) FROM event.raw_event r WHERE r.received_at >= :from AND r.received_at <= :to
					    AND r.alert_id IN (SELECT alert_id FROM m))""")
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) })
			.single();
		long inhibitRules = this.jdbc.sql("SELECT count(*) FROM event.inhibit_rule WHERE enabled")
			.query(Long.class)
			.single();
		Object[] topology = this.jdbc.sql("SELECT enabled, mode FROM event.topology_inhibition WHERE id = 1")
			.query((rs, n) -> new Object[] { rs.getBoolean(1), rs.getString(2) })
			.optional()
			.orElse(new Object[] { false, null });
		long inhibited = this.jdbc.sql("""
				SELECT count(DISTINCT alert_id) FROM event.alert_suppression
				WHERE kind IN (:kinds) AND since >= :from AND since <= :to""")
			.param("kinds", List.of(ConvergenceState.INHIBIT, ConvergenceState.TOPOLOGY))
			.param("from", from)
			.param("to", to)
			.query(Long.class)
			.single();
		return new Convergence(since, until, rules[0], rules[1], groups[0], groups[1], groups[2], groups[3], groups[4],
				inhibitRules, (Boolean) topology[0], (String) topology[1], inhibited);
	}

}
