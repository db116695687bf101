package io.tianshu.event.convergence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tianshu.event.AlertGroupChanged;
import io.tianshu.event.AlertGroupOpened;
import io.tianshu.event.AlertGroupResolved;
import io.tianshu.event.AlertGroupView;
import io.tianshu.event.AlertGroups;
import io.tianshu.event.EventPermissions;
import io.tianshu.event.Severity;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.TianshuException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Alert groups in {@code event.alert_group}: joining and leaving (inside the processor's
 * transaction) and flushing (Alertmanager's aggregation group timing: a new group is
 * announced with {@link AlertGroupOpened} once {@code group_wait} has passed; later
 * changes are announced as one {@link AlertGroupChanged} at most every
 * {@code group_interval}; when all its alerts have resolved the next flush announces
 * {@link AlertGroupResolved} — a group all of whose alerts resolved within group_wait is
 * closed without any announcement). Each flush locks the group row and re-checks its
 * timing, so flushing on several nodes or twice is harmless.
 */
@Service
class GroupStore implements AlertGroups {

	private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final ApplicationEventPublisher events;

	private final RootCauses rootCauses;

	GroupStore(JdbcClient jdbc, JsonMapper json, Authorization authorization, ApplicationEventPublisher events,
			RootCauses rootCauses) {
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.events = events;
		this.rootCauses = rootCauses;
	}

	/** A group that needs a flush at {@code due}. */
	record Due(UUID groupId, Instant due) {
	}

	/** Adds the alert to the group of the assignment (creating it); when to flush. */
	Due join(AlertFacts a, Grouping.Assignment assignment, Instant now) {
		Grouping.Compiled rule = assignment.rule();
		String key = assignment.key();
		Row g = active(rule.rule().id(), key);
		if (g == null) {
			this.jdbc.sql("""
					INSERT INTO event.alert_group (id, rule_id, rule_name, group_key, group_labels, state, severity,
					  business_system_id, group_wait_ms, group_interval_ms, created_at, notify_at)
					VALUES (?, ?, ?, ?, ?::jsonb, 'PENDING', ?, ?, ?, ?, ?, ?)
					ON CONFLICT (rule_id, group_key) WHERE state <> 'RESOLVED' DO NOTHING""")
				.params(UUID.randomUUID(), rule.rule().id(), rule.rule().name(), key,
						this.json.writeValueAsString(assignment.groupLabels()), a.severity().name(),
						a.businessSystemId(), rule.groupWait().toMillis(), rule.groupInterval().toMillis(),
						Timestamp.from(now), Timestamp.from(now.plus(rule.groupWait())))
				.update();
			g = active(rule.rule().id(), key);
		}
		Boolean member = this.jdbc
			.sql("SELECT active FROM event.alert_group_member WHERE group_id = ? AND alert_id = ?")
			.params(g.id, a.id())
			.query(Boolean.class)
			.optional()
			.orElse(null);
		if (Boolean.TRUE.equals(member)) {
			return null;
		}
		if (member == null) {
			this.jdbc.sql("""
					INSERT INTO event.alert_group_member (group_id, alert_id, alert_first_seen, added_at, active)
					VALUES (?, ?, ?, ?, TRUE)""")
				.params(g.id, a.id(), Timestamp.from(a.firstSeen()), Timestamp.from(now))
				.update();
		}
		else {
			this.jdbc.sql("UPDATE event.alert_group_member SET active = TRUE WHERE group_id = ? AND alert_id = ?")
				.params(g.id, a.id())
				.update();
		}
		this.jdbc
			.sql("""
					UPDATE event.alert_group SET alert_count = alert_count + ?, active_count = active_count + 1,
					  pending_added = pending_added + 1, dirty = (state = 'OPEN'),
					  severity = CASE WHEN array_position(ARRAY['CRITICAL','MAJOR','MINOR','WARNING','INFO'], ?)
					    < array_position(ARRAY['CRITICAL','MAJOR','MINOR','WARNING','INFO'], severity) THEN ? ELSE severity END,
					  business_system_id = coalesce(business_system_id, ?)
					WHERE id = ?""")
			.params((member == null) ? 1 : 0, a.severity().name(), a.severity().name(), a.businessSystemId(), g.id)
			.update();
		return due(load(g.id));
	}

	/** Marks the alert resolved in its open groups; when to flush them. */
	List<Due> leave(long alertId) {
		List<UUID> groups = this.jdbc.sql("""
				UPDATE event.alert_group_member m SET active = FALSE FROM event.alert_group g
				WHERE m.group_id = g.id AND m.alert_id = ? AND m.active AND g.state <> 'RESOLVED'
				RETURNING m.group_id""").param(alertId).query(UUID.class).list();
		List<Due> out = new ArrayList<>();
		for (UUID id : groups) {
			this.jdbc.sql("""
					UPDATE event.alert_group SET active_count = greatest(active_count - 1, 0),
					  pending_resolved = pending_resolved + 1, dirty = TRUE WHERE id = ?""").param(id).update();
			out.add(due(load(id)));
		}
		return out;
	}

	/** Flushes the group if it is due; answers when it is due next, or null. */
	Instant flush(UUID id, Instant now) {
		Row g = this.jdbc.sql("SELECT * FROM event.alert_group WHERE id = ? FOR UPDATE")
			.param(id)
			.query(this::row)
			.optional()
			.orElse(null);
		if (g == null || "RESOLVED".equals(g.state)) {
			return null;
		}
		Instant due = dueAt(g);
		if (due == null) {
			return null;
		}
		if (due.isAfter(now)) {
			return due;
		}
		int active = this.jdbc.sql("SELECT count(*) FROM event.alert_group_member WHERE group_id = ? AND active")
			.param(id)
			.query(Integer.class)
			.single();
		if (active == 0) {
			this.jdbc.sql("""
					UPDATE event.alert_group SET state = 'RESOLVED', resolved_at = ?, active_count = 0, dirty = FALSE,
					  last_flush_at = CASE WHEN state = 'OPEN' THEN ? ELSE last_flush_at END,
					  pending_added = 0, pending_resolved = 0 WHERE id = ?""")
				.params(Timestamp.from(now), Timestamp.from(now), id)
				.update();
			if ("OPEN".equals(g.state)) {
				this.events.publishEvent(new AlertGroupResolved(id, now));
			}
			return null;
		}
		Severity severity = this.jdbc.sql("""
				SELECT a.severity FROM event.alert_group_member m JOIN event.alert a ON a.id = m.alert_id
				  AND a.first_seen = m.alert_first_seen
				WHERE m.group_id = ? AND m.active
				ORDER BY array_position(ARRAY['CRITICAL','MAJOR','MINOR','WARNING','INFO'], a.severity) LIMIT 1""")
			.param(id)
			.query((rs, n) -> Severity.valueOf(rs.getString(1)))
			.optional()
			.orElse(g.severity);
		Long root = this.rootCauses.of(id).map(RootCause::alertId).orElse(null);
		this.jdbc.sql("""
				UPDATE event.alert_group SET state = 'OPEN', severity = ?, root_cause_alert_id = ?, active_count = ?,
				  notified_at = coalesce(notified_at, ?), last_flush_at = ?, dirty = FALSE, pending_added = 0,
				  pending_resolved = 0, updates = updates + CASE WHEN state = 'OPEN' THEN 1 ELSE 0 END
				WHERE id = ?""")
			.params(severity.name(), root, active, Timestamp.from(now), Timestamp.from(now), id)
			.update();
		if ("PENDING".equals(g.state)) {
			this.events
				.publishEvent(new AlertGroupOpened(id, g.ruleName, g.labels, severity, root, g.businessSystemId, now));
		}
		else {
			this.events.publishEvent(new AlertGroupChanged(id, g.ruleName, g.labels, severity, root, active,
					g.pendingAdded, g.pendingResolved, now));
		}
		return null;
	}

	/** Groups whose flush is due by the instant (the sweep's catch-up). */
	List<UUID> dueBy(Instant now) {
		return this.jdbc.sql("""
				SELECT id FROM event.alert_group WHERE (state = 'PENDING' AND notify_at <= :now)
				  OR (state = 'OPEN' AND dirty AND last_flush_at + group_interval_ms * interval '1 millisecond' <= :now)
				ORDER BY seq LIMIT 1000""").param("now", Timestamp.from(now)).query(UUID.class).list();
	}

	private Due due(Row g) {
		Instant at = dueAt(g);
		return (at != null) ? new Due(g.id, at) : null;
	}

	private static Instant dueAt(Row g) {
		if ("PENDING".equals(g.state)) {
			return g.notifyAt;
		}
		if ("OPEN".equals(g.state) && g.dirty) {
			return g.lastFlushAt.plus(Duration.ofMillis(g.groupIntervalMs));
		}
		return null;
	}

	private Row active(UUID ruleId, String key) {
		return this.jdbc
			.sql("SELECT * FROM event.alert_group WHERE rule_id = ? AND group_key = ? AND state <> 'RESOLVED' "
					+ "FOR UPDATE")
			.params(ruleId, key)
			.query(this::row)
			.optional()
			.orElse(null);
	}

	private Row load(UUID id) {
		return this.jdbc.sql("SELECT * FROM event.alert_group WHERE id = ?").param(id).query(this::row).single();
	}

	// reads

	@Override
	public Optional<AlertGroupView> find(UUID id) {
		this.authorization.require(EventPermissions.ALERT_READ);
		return this.jdbc.sql("SELECT * FROM event.alert_group WHERE id = ?")
			.param(id)
			.query((rs, n) -> row(rs, n).view())
			.optional();
	}

	AlertGroupView get(UUID id) {
		return find(id).orElseThrow(() -> TianshuException.notFound("event.group.not-found", "No such alert group"));
	}

	@Override
	public List<Long> alertIds(UUID id) {
		this.authorization.require(EventPermissions.ALERT_READ);
		return this.jdbc
			.sql("SELECT alert_id FROM event.alert_group_member WHERE group_id = ? ORDER BY added_at, alert_id")
			.param(id)
			.query(Long.class)
			.list();
	}

	/** Groups newest first; filters may be null. */
	CursorPage<AlertGroupView> search(List<String> states, UUID businessSystem, List<Severity> severities,
			String cursor, int limit) {
		this.authorization.require(EventPermissions.ALERT_READ);
		int size = Math.max(1, Math.min(200, limit));
		StringBuilder sql = new StringBuilder("SELECT * FROM event.alert_group WHERE TRUE");
		Map<String, Object> params = new java.util.HashMap<>();
		if (states != null && !states.isEmpty()) {
			sql.append(" AND state IN (:states)");
			params.put("states", states);
		}
		if (businessSystem != null) {
			sql.append(" AND business_system_id = :bs");
			params.put("bs", businessSystem);
		}
		if (severities != null && !severities.isEmpty()) {
			sql.append(" AND severity IN (:severities)");
			params.put("severities", severities.stream().map(Enum::name).toList());
		}
		if (cursor != null && !cursor.isBlank()) {
			try {
				params.put("cursor", Long.parseLong(cursor));
			}
			catch (NumberFormatException ex) {
				throw TianshuException.invalidField("cursor", "request.cursor-invalid", "Not a cursor of this list");
			}
			sql.append(" AND seq < :cursor");
		}
		sql.append(" ORDER BY seq DESC LIMIT :limit");
		params.put("limit", size + 1);
		List<Row> rows = this.jdbc.sql(sql.toString()).params(params).query(this::row).list();
		String next = null;
		if (rows.size() > size) {
			rows = rows.subList(0, size);
			next = Long.toString(rows.get(size - 1).seq);
		}
		return new CursorPage<>(rows.stream().map(Row::view).toList(), next);
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		Row r = new Row();
		r.id = rs.getObject("id", UUID.class);
		r.seq = rs.getLong("seq");
		r.ruleId = rs.getObject("rule_id", UUID.class);
		r.ruleName = rs.getString("rule_name");
		r.labels = this.json.readValue(rs.getString("group_labels"), LABELS);
		r.state = rs.getString("state");
		r.severity = Severity.valueOf(rs.getString("severity"));
		r.businessSystemId = rs.getObject("business_system_id", UUID.class);
		long root = rs.getLong("root_cause_alert_id");
		r.rootCauseAlertId = rs.wasNull() ? null : root;
		r.groupIntervalMs = rs.getLong("group_interval_ms");
		r.createdAt = instant(rs, "created_at");
		r.notifyAt = instant(rs, "notify_at");
		r.notifiedAt = instant(rs, "notified_at");
		r.lastFlushAt = instant(rs, "last_flush_at");
		r.dirty = rs.getBoolean("dirty");
		r.pendingAdded = rs.getInt("pending_added");
		r.pendingResolved = rs.getInt("pending_resolved");
		r.resolvedAt = instant(rs, "resolved_at");
		r.alertCount = rs.getInt("alert_count");
		r.activeCount = rs.getInt("active_count");
		return r;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return (t != null) ? t.toInstant() : null;
	}

	private static final class Row {

		UUID id;

		long seq;

		UUID ruleId;

		String ruleName;

		Map<String, String> labels;

		String state;

		Severity severity;

		UUID businessSystemId;

		Long rootCauseAlertId;

		long groupIntervalMs;

		Instant createdAt;

		Instant notifyAt;

		Instant notifiedAt;

		Instant lastFlushAt;

		boolean dirty;

		int pendingAdded;

		int pendingResolved;

		Instant resolvedAt;

		int alertCount;

		int activeCount;

		AlertGroupView view() {
			return new AlertGroupView(this.id, this.ruleId, this.ruleName, this.labels, this.state, this.severity,
					this.businessSystemId, this.rootCauseAlertId, this.alertCount, this.activeCount, this.createdAt,
					this.notifiedAt, this.lastFlushAt, this.resolvedAt);
		}

	}

}
