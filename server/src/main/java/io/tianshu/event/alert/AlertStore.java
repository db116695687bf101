package io.tianshu.event.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import io.tianshu.event.AlertFacets;
import io.tianshu.event.AlertLink;
import io.tianshu.event.AlertQuery;
import io.tianshu.event.AlertResolved;
import io.tianshu.event.AlertState;
import io.tianshu.event.AlertView;
import io.tianshu.event.Alerts;
import io.tianshu.event.AlertsChanged;
import io.tianshu.event.EventPermissions;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.LabelMatcher;
import io.tianshu.event.Severity;
import io.tianshu.event.SignalStatus;
import io.tianshu.event.TimelineEntry;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.TianshuException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alert queries and the manual lifecycle. A change locks the one alert row
 * ({@code FOR UPDATE}) — the intake's writer locks rows the same way — applies the
 * transition if the state allows it (409 otherwise), appends to the timeline and audits,
 * all in one transaction.
 */
@Service
class AlertStore implements Alerts {

	private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> OBJECTS = new TypeReference<>() {
	};

	private static final TypeReference<List<AlertLink>> LINKS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final Audit audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	AlertStore(JdbcClient jdbc, JsonMapper json, Authorization authorization, Audit audit, Clock clock,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	@Override
	public CursorPage<AlertView> search(AlertQuery query) {
		this.authorization.require(EventPermissions.ALERT_READ);
		int limit = Math.max(1, Math.min(500, query.limit()));
		Where where = where(query);
		if (query.cursor() != null && !query.cursor().isBlank()) {
			try {
				where.add("id < :cursor", (s) -> s.param("cursor", Long.parseLong(query.cursor())));
			}
			catch (NumberFormatException ex) {
				throw TianshuException.invalidField("cursor", "request.cursor-invalid", "Not a cursor of this list");
			}
		}
		var spec = this.jdbc.sql("SELECT * FROM event.alert" + where.sql() + " ORDER BY id DESC LIMIT :limit")
			.param("limit", limit + 1);
		where.bind(spec);
		List<AlertView> rows = spec.query(this::view).list();
		String next = null;
		if (rows.size() > limit) {
			rows = rows.subList(0, limit);
			next = Long.toString(rows.get(limit - 1).id());
		}
		return new CursorPage<>(rows, next);
	}

	/** Streams every matching alert, newest first, in pages (for the CSV export). */
	void each(AlertQuery query, Consumer<AlertView> consumer, int max) {
		String cursor = null;
		int seen = 0;
		do {
			CursorPage<AlertView> page = search(new AlertQuery(query.states(), query.severities(),
					query.integrationIds(), query.sources(), query.ciId(), query.businessSystemId(), query.matchers(),
					query.from(), query.to(), query.text(), cursor, 500));
			for (AlertView a : page.items()) {
				if (seen++ >= max) {
					return;
				}
				consumer.accept(a);
			}
			cursor = page.nextCursor();
		}
		while (cursor != null);
	}

	@Override
	public AlertFacets facets(AlertQuery query) {
		this.authorization.require(EventPermissions.ALERT_READ);
		Where where = where(query);
		return new AlertFacets(count(where), facet(where, "state"), facet(where, "severity"), facet(where, "source"),
				facet(where, "coalesce(business_system_id::text, 'none')"));
	}

	private long count(Where where) {
		var spec = this.jdbc.sql("SELECT count(*) FROM event.alert" + where.sql());
		where.bind(spec);
		return spec.query(Long.class).single();
	}

	private Map<String, Long> facet(Where where, String column) {
		var spec = this.jdbc.sql("SELECT " + column + ", count(*) FROM event.alert" + where.sql() + " GROUP BY 1 "
				+ "ORDER BY 2 DESC LIMIT 50");
		where.bind(spec);
		Map<String, Long> out = new LinkedHashMap<>();
		spec.query((rs, n) -> out.put(rs.getString(1), rs.getLong(2))).list();
		return out;
	}

	private Where where(AlertQuery q) {
		Where w = new Where();
		if (!q.states().isEmpty()) {
			w.add("state IN (:states)", (s) -> s.param("states", q.states().stream().map(Enum::name).toList()));
		}
		if (!q.severities().isEmpty()) {
			w.add("severity IN (:severities)",
					(s) -> s.param("severities", q.severities().stream().map(Enum::name).toList()));
		}
		if (!q.integrationIds().isEmpty()) {
			w.add("integration_id IN (:integrations)", (s) -> s.param("integrations", List.copyOf(q.integrationIds())));
		}
		if (!q.sources().isEmpty()) {
			w.add("source IN (:sources)",
					(s) -> s.param("sources", q.sources().stream().map(IntegrationKind::code).toList()));
		}
		if (q.ciId() != null) {
			w.add("ci_id = :ci", (s) -> s.param("ci", q.ciId()));
		}
		if (q.businessSystemId() != null) {
			w.add("business_system_id = :bs", (s) -> s.param("bs", q.businessSystemId()));
		}
		for (int i = 0; i < q.matchers().size(); i++) {
			LabelMatcher m = q.matchers().get(i);
			String n = "mn" + i;
			String v = "mv" + i;
			switch (m.op()) {
				case EQUAL -> w.add("labels @> :" + v + "::jsonb",
						(s) -> s.param(v, this.json.writeValueAsString(Map.of(m.name(), m.value()))));
				case NOT_EQUAL -> w.add("coalesce(labels ->> :" + n + ", '') <> :" + v,
						(s) -> s.param(n, m.name()).param(v, m.value()));
				case REGEX -> w.add("coalesce(labels ->> :" + n + ", '') ~ :" + v,
						(s) -> s.param(n, m.name()).param(v, "^(?:" + m.value() + ")$"));
				case NOT_REGEX -> w.add("coalesce(labels ->> :" + n + ", '') !~ :" + v,
						(s) -> s.param(n, m.name()).param(v, "^(?:" + m.value() + ")$"));
			}
		}
		if (q.from() != null) {
			w.add("last_seen >= :from", (s) -> s.param("from", Timestamp.from(q.from())));
		}
		if (q.to() != null) {
			w.add("first_seen < :to", (s) -> s.param("to", Timestamp.from(q.to())));
		}
		if (q.text() != null && !q.text().isBlank()) {
			String like = "%" + q.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			w.add("(summary ILIKE :text OR resource ILIKE :text OR fingerprint ILIKE :text)",
					(s) -> s.param("text", like));
		}
		return w;
	}

	@Override
	public AlertView get(long id) {
		this.authorization.require(EventPermissions.ALERT_READ);
		return find(id, false);
	}

	private AlertView find(long id, boolean lock) {
		return this.jdbc.sql("SELECT * FROM event.alert WHERE id = ?" + (lock ? " FOR UPDATE" : ""))
			.param(id)
			.query(this::view)
			.optional()
			.orElseThrow(() -> TianshuException.notFound("event.alert.not-found", "No such alert"));
	}

	@Override
	public List<TimelineEntry> timeline(long id) {
		AlertView alert = get(id);
		List<TimelineEntry> entries = new ArrayList<>();
		this.jdbc.sql("""
				SELECT received_at, status, outcome, payload_hash, signals FROM event.raw_event
				WHERE alert_id = ? AND received_at >= ? ORDER BY id DESC LIMIT 500""")
			.params(id, Timestamp.from(alert.firstSeen().minusSeconds(60)))
			.query((rs, n) -> {
				Map<String, Object> detail = new LinkedHashMap<>();
				detail.put("status", rs.getString(2));
				detail.put("outcome", rs.getString(3));
				detail.put("payloadHash", rs.getString(4));
				if (rs.getInt(5) > 1) {
					// re-sends folded together, the last one's time
					detail.put("signals", rs.getInt(5));
				}
				return entries
					.add(new TimelineEntry(rs.getTimestamp(1).toInstant(), "RECEIVED", "source", null, null, detail));
			})
			.list();
		this.jdbc.sql("""
				SELECT at, kind, actor, from_state, to_state, detail FROM event.alert_activity
				WHERE alert_id = ? AND alert_first_seen = ? ORDER BY id DESC LIMIT 500""")
			.params(id, Timestamp.from(alert.firstSeen()))
			.query((rs, n) -> {
				String detail = rs.getString(6);
				String from = rs.getString(4);
				String to = rs.getString(5);
				return entries.add(new TimelineEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
						(from != null) ? AlertState.valueOf(from) : null, (to != null) ? AlertState.valueOf(to) : null,
						(detail != null) ? this.json.readValue(detail, OBJECTS) : Map.of()));
			})
			.list();
		entries.sort(Comparator.comparing(TimelineEntry::at).thenComparing((e) -> "RECEIVED".equals(e.kind()) ? 0 : 1));
		return entries;
	}

	@Override
	@Transactional
	public AlertView acknowledge(long id, String comment) {
		this.authorization.require(EventPermissions.ALERT_WRITE);
		return transition(id, AlertState.ACKNOWLEDGED, Set.of(AlertState.OPEN, AlertState.SUPPRESSED), comment,
				"event.alert.acknowledged");
	}

	@Override
	@Transactional
	public AlertView resolve(long id, String comment) {
		this.authorization.require(EventPermissions.ALERT_WRITE);
		AlertView after = transition(id, AlertState.RESOLVED,
				Set.of(AlertState.OPEN, AlertState.ACKNOWLEDGED, AlertState.SUPPRESSED), comment,
				"event.alert.resolved");
		this.events.publishEvent(new AlertResolved(after.id(), after.integrationId(), after.fingerprint(),
				after.severity(), after.ciId(), after.businessSystemId(), this.authorization.currentActor().name(),
				after.resolvedAt()));
		return after;
	}

	@Override
	@Transactional
	public AlertView close(long id, String comment) {
		this.authorization.require(EventPermissions.ALERT_WRITE);
		return transition(id, AlertState.CLOSED,
				Set.of(AlertState.OPEN, AlertState.ACKNOWLEDGED, AlertState.SUPPRESSED, AlertState.RESOLVED), comment,
				"event.alert.closed");
	}

	@Override
	@Transactional
	public AlertView suppress(long id, String reason) {
		this.authorization.require(EventPermissions.ALERT_WRITE);
		return transition(id, AlertState.SUPPRESSED, Set.of(AlertState.OPEN, AlertState.ACKNOWLEDGED), reason,
				"event.alert.suppressed");
	}

	@Override
	@Transactional
	public AlertView unsuppress(long id, String reason) {
		this.authorization.require(EventPermissions.ALERT_WRITE);
		return transition(id, AlertState.OPEN, Set.of(AlertState.SUPPRESSED), reason, "event.alert.unsuppressed");
	}

	private AlertView transition(long id, AlertState to, Set<AlertState> allowed, String comment, String action) {
		AlertView before = find(id, true);
		if (!allowed.contains(before.state())) {
			throw TianshuException.conflict("event.alert.transition-invalid",
					"An alert in state " + before.state() + " cannot become " + to,
					Map.of("from", before.state().name(), "to", to.name()));
		}
		Instant now = this.clock.instant();
		String actor = this.authorization.currentActor().name();
		this.jdbc.sql("""
				UPDATE event.alert SET state = :to, state_changed_at = :now, version = version + 1,
				  acknowledged_at = CASE WHEN :to = 'ACKNOWLEDGED' THEN :now ELSE acknowledged_at END,
				  acknowledged_by = CASE WHEN :to = 'ACKNOWLEDGED' THEN :actor ELSE acknowledged_by END,
				  resolved_at = CASE WHEN :to = 'RESOLVED' THEN :now ELSE resolved_at END,
				  closed_at = CASE WHEN :to = 'CLOSED' THEN :now ELSE closed_at END,
				  auto_resolve = CASE WHEN :to IN ('RESOLVED', 'CLOSED') THEN false ELSE auto_resolve END
				WHERE id = :id AND first_seen = :firstSeen""")
			.param("to", to.name())
			.param("now", Timestamp.from(now))
			.param("actor", actor)
			.param("id", id)
			.param("firstSeen", Timestamp.from(before.firstSeen()))
			.update();
		Map<String, Object> detail = new LinkedHashMap<>();
		if (comment != null && !comment.isBlank()) {
			detail.put("comment", comment);
		}
		activity(before, now, "STATE_CHANGED", actor, before.state(), to, detail);
		AlertView after = find(id, false);
		if (to != AlertState.RESOLVED) {
			// resolving publishes AlertResolved instead
			this.events.publishEvent(new AlertsChanged(Set.of(id)));
		}
		this.audit.record(AuditEntry.success(action, "alert", Long.toString(id))
			.withChange(Map.of("state", before.state().name()), Map.of("state", to.name()))
			.withDetail(comment));
		return after;
	}

	@Override
	@Transactional
	public AlertView assign(long id, String user, UUID team) {
		this.authorization.require(EventPermissions.ALERT_WRITE);
		AlertView before = find(id, true);
		String assignee = (user != null && !user.isBlank()) ? user.strip() : null;
		if (assignee != null && assignee.length() > 200) {
			throw TianshuException.invalidField("user", "too-long", "At most 200 characters");
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				UPDATE event.alert SET assignee_user = :user, assignee_team = :team, version = version + 1
				WHERE id = :id AND first_seen = :firstSeen""")
			.param("user", assignee)
			.param("team", team)
			.param("id", id)
			.param("firstSeen", Timestamp.from(before.firstSeen()))
			.update();
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("user", assignee);
		detail.put("team", (team != null) ? team.toString() : null);
		activity(before, now, "ASSIGNED", this.authorization.currentActor().name(), null, null, detail);
		Map<String, Object> previous = new LinkedHashMap<>();
		previous.put("user", before.assigneeUser());
		previous.put("team", before.assigneeTeam());
		this.audit.record(
				AuditEntry.success("event.alert.assigned", "alert", Long.toString(id)).withChange(previous, detail));
		this.events.publishEvent(new AlertsChanged(Set.of(id)));
		return find(id, false);
	}

	@Override
	@Transactional
	public AlertView comment(long id, String text) {
		this.authorization.require(EventPermissions.ALERT_WRITE);
		if (text == null || text.isBlank()) {
			throw TianshuException.invalidField("text", "required", "A comment needs text");
		}
		if (text.length() > 10_000) {
			throw TianshuException.invalidField("text", "too-long", "At most 10000 characters");
		}
		AlertView before = find(id, true);
		activity(before, this.clock.instant(), "COMMENTED", this.authorization.currentActor().name(), null, null,
				Map.of("text", text));
		this.audit.record(AuditEntry.success("event.alert.commented", "alert", Long.toString(id)).withDetail(text));
		this.events.publishEvent(new AlertsChanged(Set.of(id)));
		return before;
	}

	private void activity(AlertView alert, Instant at, String kind, String actor, AlertState from, AlertState to,
			Map<String, Object> detail) {
		this.jdbc.sql("""
				INSERT INTO event.alert_activity (id, alert_id, alert_first_seen, at, kind, actor, from_state, to_state,
				  detail) VALUES (nextval('event.alert_activity_id_seq'), ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
			.params(alert.id(), Timestamp.from(alert.firstSeen()), Timestamp.from(at), kind, actor,
					(from != null) ? from.name() : null, (to != null) ? to.name() : null,
					this.json.writeValueAsString(detail))
			.update();
	}

	private AlertView view(ResultSet rs, int n) throws SQLException {
		String details = rs.getString("details");
		String source = rs.getString("source");
		IntegrationKind kind;
		try {
			kind = IntegrationKind.of(source);
		}
		catch (IllegalArgumentException ex) {
			kind = null;
		}
		return new AlertView(rs.getLong("id"), rs.getObject("integration_id", UUID.class), kind,
				rs.getString("fingerprint"), rs.getString("group_key"), SignalStatus.valueOf(rs.getString("status")),
				AlertState.valueOf(rs.getString("state")), Severity.valueOf(rs.getString("severity")),
				rs.getString("source_severity"), rs.getString("summary"), rs.getString("resource"),
				this.json.readValue(rs.getString("labels"), STRINGS),
				this.json.readValue(rs.getString("annotations"), STRINGS),
				this.json.readValue(rs.getString("links"), LINKS),
				(details != null) ? this.json.readValue(details, OBJECTS) : null, rs.getString("generator_url"),
				instant(rs, "starts_at"), instant(rs, "ends_at"), instant(rs, "first_seen"), instant(rs, "last_seen"),
				rs.getInt("occurrences"), rs.getInt("duplicates"), instant(rs, "acknowledged_at"),
				rs.getString("acknowledged_by"), instant(rs, "resolved_at"), instant(rs, "closed_at"),
				rs.getString("assignee_user"), rs.getObject("assignee_team", UUID.class),
				rs.getObject("ci_id", UUID.class), rs.getObject("business_system_id", UUID.class),
				rs.getObject("owner_team_id", UUID.class), rs.getBoolean("flapping"), rs.getInt("version"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return (t != null) ? t.toInstant() : null;
	}

	/** A WHERE clause and the parameters it binds. */
	private static final class Where {

		private final List<String> clauses = new ArrayList<>();

		private final List<Consumer<JdbcClient.StatementSpec>> binders = new ArrayList<>();

		void add(String clause, Consumer<JdbcClient.StatementSpec> binder) {
			this.clauses.add(clause);
			this.binders.add(binder);
		}

		String sql() {
			return this.clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", this.clauses);
		}

		void bind(JdbcClient.StatementSpec spec) {
			this.binders.forEach((b) -> b.accept(spec));
		}

	}

}
