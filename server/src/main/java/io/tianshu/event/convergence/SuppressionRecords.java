package io.tianshu.event.convergence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code event.alert_suppression}: what holds each alert down, and the alert timeline
 * entries convergence adds itself ({@code SYMPTOM}, {@code SYMPTOM_RELEASED}).
 */
@Component
class SuppressionRecords {

	/** Suppression reasons convergence gives start with one of these. */
	static final java.util.regex.Pattern OURS = java.util.regex.Pattern
		.compile("^(silence|maintenance|inhibit|symptom):.*", java.util.regex.Pattern.DOTALL);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	SuppressionRecords(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	record Active(long alertId, Instant alertFirstSeen, String kind, String ref, Long causeAlertId, boolean suppressing,
			Map<String, Object> detail) {
	}

	/** Adds (or revives) a record; {@code true} when it was not active before. */
	boolean hold(AlertFacts a, String kind, String ref, Long cause, Map<String, Object> detail, boolean suppressing,
			Instant now) {
		int changed = this.jdbc.sql("""
				INSERT INTO event.alert_suppression (alert_id, alert_first_seen, kind, ref, cause_alert_id, detail,
				  suppressing, since, released_at)
				VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, NULL)
				ON CONFLICT (alert_id, kind, ref) DO UPDATE SET released_at = NULL, since = EXCLUDED.since,
				  detail = EXCLUDED.detail, suppressing = EXCLUDED.suppressing, cause_alert_id = EXCLUDED.cause_alert_id
				WHERE event.alert_suppression.released_at IS NOT NULL""")
			.params(a.id(), Timestamp.from(a.firstSeen()), kind, ref, cause,
					(detail != null) ? this.json.writeValueAsString(detail) : null, suppressing, Timestamp.from(now))
			.update();
		return changed > 0;
	}

	/** Releases one record; {@code true} when it was active. */
	boolean release(long alertId, String kind, String ref, Instant now) {
		return this.jdbc
			.sql("UPDATE event.alert_suppression SET released_at = ? WHERE alert_id = ? AND kind = ? AND ref = ? "
					+ "AND released_at IS NULL")
			.params(Timestamp.from(now), alertId, kind, ref)
			.update() > 0;
	}

	/** Releases every active record of the alert (it is over). */
	void releaseAll(long alertId, Instant now) {
		this.jdbc.sql("UPDATE event.alert_suppression SET released_at = ? WHERE alert_id = ? AND released_at IS NULL")
			.params(Timestamp.from(now), alertId)
			.update();
	}

	List<Active> activeOf(long alertId) {
		return this.jdbc
			.sql("SELECT * FROM event.alert_suppression WHERE alert_id = ? AND released_at IS NULL "
					+ "ORDER BY since, kind, ref")
			.param(alertId)
			.query(this::map)
			.list();
	}

	List<Active> activeByRef(String kind, String ref) {
		return this.jdbc.sql("SELECT * FROM event.alert_suppression WHERE kind = ? AND ref = ? AND released_at IS NULL")
			.params(kind, ref)
			.query(this::map)
			.list();
	}

	List<Active> activeByCause(long causeAlertId) {
		return this.jdbc.sql("SELECT * FROM event.alert_suppression WHERE cause_alert_id = ? AND released_at IS NULL")
			.param(causeAlertId)
			.query(this::map)
			.list();
	}

	/** Every record of the alert, newest first (for the alert's convergence view). */
	List<Map<String, Object>> history(long alertId) {
		return this.jdbc.sql("""
				SELECT kind, ref, cause_alert_id, detail, suppressing, since, released_at FROM event.alert_suppression
				WHERE alert_id = ? ORDER BY since DESC LIMIT 200""").param(alertId).query((rs, n) -> {
			Map<String, Object> m = new java.util.LinkedHashMap<>();
			m.put("kind", rs.getString(1));
			m.put("ref", rs.getString(2));
			long cause = rs.getLong(3);
			m.put("causeAlertId", rs.wasNull() ? null : cause);
			String detail = rs.getString(4);
			m.put("detail", (detail != null) ? this.json.readValue(detail, Map.class) : Map.of());
			m.put("suppressing", rs.getBoolean(5));
			m.put("since", rs.getTimestamp(6).toInstant());
			Timestamp released = rs.getTimestamp(7);
			m.put("releasedAt", (released != null) ? released.toInstant() : null);
			return m;
		}).list();
	}

	/** Whether the cause alert is itself held down as a symptom of the alert. */
	boolean isSymptomOf(long alertId, long causeAlertId) {
		return this.jdbc.sql("""
				SELECT count(*) FROM event.alert_suppression WHERE alert_id = ? AND kind = 'TOPOLOGY'
				AND cause_alert_id = ? AND released_at IS NULL""")
			.params(alertId, causeAlertId)
			.query(Long.class)
			.single() > 0;
	}

	/** The reason of the alert's latest suppression, from its timeline. */
	String lastSuppressionReason(long alertId, Instant firstSeen) {
		return this.jdbc.sql("""
				SELECT coalesce(detail ->> 'reason', detail ->> 'comment') FROM event.alert_activity
				WHERE alert_id = ? AND alert_first_seen = ?
				  AND (kind = 'SUPPRESSED' OR (kind = 'STATE_CHANGED' AND to_state = 'SUPPRESSED'))
				ORDER BY id DESC LIMIT 1""")
			.params(alertId, Timestamp.from(firstSeen))
			.query(String.class)
			.optional()
			.orElse(null);
	}

	void timeline(AlertFacts a, String kind, Map<String, Object> detail, Instant now) {
		this.jdbc.sql("""
				INSERT INTO event.alert_activity (id, alert_id, alert_first_seen, at, kind, actor, detail)
				VALUES (nextval('event.alert_activity_id_seq'), ?, ?, ?, ?, 'system', ?::jsonb)""")
			.params(a.id(), Timestamp.from(a.firstSeen()), Timestamp.from(now), kind,
					this.json.writeValueAsString(detail))
			.update();
	}

	@SuppressWarnings("unchecked")
	private Active map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		long cause = rs.getLong("cause_alert_id");
		Long causeId = rs.wasNull() ? null : cause;
		String detail = rs.getString("detail");
		return new Active(rs.getLong("alert_id"), rs.getTimestamp("alert_first_seen").toInstant(), rs.getString("kind"),
				rs.getString("ref"), causeId, rs.getBoolean("suppressing"),
				(detail != null) ? this.json.readValue(detail, Map.class) : Map.of());
	}

}
