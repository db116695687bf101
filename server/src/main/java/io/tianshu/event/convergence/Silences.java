package io.tianshu.event.convergence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tianshu.event.AlertQuery;
import io.tianshu.event.AlertState;
import io.tianshu.event.AlertView;
import io.tianshu.event.Alerts;
import io.tianshu.event.EventPermissions;
import io.tianshu.event.LabelMatcher;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TianshuException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Silences (静默) and maintenance windows (维护窗口): management (audited,
 * {@link EventPermissions#SILENCE_MANAGE}) and the preview of what a scope matches. After
 * each change the processor reloads the definitions and brings the affected alerts in
 * line (suppress what is now covered, open again what no longer is).
 */
@Service
class Silences {

	static final String CATEGORY_SILENCE = "silence";

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final Set<AlertState> OPEN_STATES = Set.of(AlertState.OPEN, AlertState.ACKNOWLEDGED,
			AlertState.SUPPRESSED);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final Audit audit;

	private final Clock clock;

	private final Checks checks;

	private final Alerts alerts;

	private final ConvergenceState state;

	private final ConvergenceProcessor processor;

	Silences(JdbcClient jdbc, JsonMapper json, Authorization authorization, Audit audit, Clock clock, Checks checks,
			Alerts alerts, ConvergenceState state, ConvergenceProcessor processor) {
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.audit = audit;
		this.clock = clock;
		this.checks = checks;
		this.alerts = alerts;
		this.state = state;
		this.processor = processor;
	}

	// silences

	/**
	 * Newest first; {@code status} {@code active}, {@code pending}, {@code expired} or
	 * null.
	 */
	CursorPage<Silence> list(String status, String cursor, int limit) {
		this.authorization.require(EventPermissions.SILENCE_MANAGE);
		int size = Math.max(1, Math.min(200, limit));
		Instant now = this.clock.instant();
		StringBuilder sql = new StringBuilder("SELECT * FROM event.silence WHERE TRUE");
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("now", Timestamp.from(now));
		if (status != null && !status.isBlank()) {
			switch (status.strip().toLowerCase(java.util.Locale.ROOT)) {
				case "active" -> sql.append(" AND starts_at <= :now AND ends_at > :now");
				case "pending" -> sql.append(" AND starts_at > :now");
				case "expired" -> sql.append(" AND ends_at <= :now");
				default -> throw TianshuException.invalidField("status", "request.invalid-parameter",
						"active, pending or expired");
			}
		}
		if (cursor != null && !cursor.isBlank()) {
			String[] parts = cursor.split("\\|", 2);
			try {
				params.put("cursorAt", Timestamp.from(Instant.parse(parts[0])));
				params.put("cursorId", UUID.fromString(parts[1]));
			}
			catch (RuntimeException ex) {
				throw TianshuException.invalidField("cursor", "request.cursor-invalid", "Not a cursor of this list");
			}
			sql.append(" AND (created_at, id) < (:cursorAt, :cursorId)");
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
		params.put("limit", size + 1);
		List<Silence> rows = this.jdbc.sql(sql.toString()).params(params).query((rs, n) -> silence(rs, now)).list();
		String next = null;
		if (rows.size() > size) {
			rows = rows.subList(0, size);
			Silence last = rows.get(size - 1);
			next = last.createdAt() + "|" + last.id();
		}
		return new CursorPage<>(rows, next);
	}

	Silence get(UUID id) {
		this.authorization.require(EventPermissions.SILENCE_MANAGE);
		return find(id);
	}

	private Silence find(UUID id) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("SELECT * FROM event.silence WHERE id = ?")
			.param(id)
			.query((rs, n) -> silence(rs, now))
			.optional()
			.orElseThrow(() -> TianshuException.notFound("event.silence.not-found", "No such silence"));
	}

	@Transactional
	Silence save(UUID id, Silence.Draft draft) {
		this.authorization.require(EventPermissions.SILENCE_MANAGE);
		Instant now = this.clock.instant();
		List<FieldViolation> errors = new ArrayList<>();
		List<LabelMatcher> matchers = scope(draft.matchers(), draft.ciId(), draft.businessSystemId(), errors);
		String comment = Checks.required(draft.comment(), "comment", 2000, errors);
		Instant starts = (draft.startsAt() != null) ? draft.startsAt() : now;
		if (draft.endsAt() == null) {
			errors.add(new FieldViolation("endsAt", "required", "When the silence ends"));
		}
		else if (!draft.endsAt().isAfter(starts)) {
			errors.add(new FieldViolation("endsAt", "event.silence.ends-before-starts",
					"A silence must end after it starts"));
		}
		else if (draft.endsAt().isBefore(now) && id == null) {
			errors.add(
					new FieldViolation("endsAt", "event.silence.ends-in-past", "A new silence must end in the future"));
		}
		else if (Duration.between(starts, draft.endsAt()).compareTo(Duration.ofDays(366)) > 0) {
			errors.add(new FieldViolation("endsAt", "event.silence.too-long",
					"At most a year; use a maintenance window for recurring quiet times"));
		}
		Checks.throwIfAny(errors);
		Silence before = null;
		String actor = this.authorization.currentActor().name();
		if (id == null) {
			id = UUID.randomUUID();
			this.jdbc.sql("""
					INSERT INTO event.silence (id, matchers, ci_id, business_system_id, starts_at, ends_at, created_by,
					  comment, created_at, updated_at) VALUES (?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, this.json.writeValueAsString(Checks.texts(matchers)), draft.ciId(),
						draft.businessSystemId(), Timestamp.from(starts), Timestamp.from(draft.endsAt()), actor,
						comment, Timestamp.from(now), Timestamp.from(now))
				.update();
		}
		else {
			before = find(id);
			if ("expired".equals(before.status())) {
				throw TianshuException.conflict("event.silence.expired", "An expired silence cannot be changed");
			}
			this.jdbc.sql("""
					UPDATE event.silence SET matchers = ?::jsonb, ci_id = ?, business_system_id = ?, starts_at = ?,
					  ends_at = ?, comment = ?, updated_at = ? WHERE id = ?""")
				.params(this.json.writeValueAsString(Checks.texts(matchers)), draft.ciId(), draft.businessSystemId(),
						Timestamp.from(starts), Timestamp.from(draft.endsAt()), comment, Timestamp.from(now), id)
				.update();
		}
		Silence after = find(id);
		this.audit.record(AuditEntry
			.success((before == null) ? "event.silence.created" : "event.silence.updated", "silence", id.toString())
			.withChange((before != null) ? Map.of("silence", before) : null, Map.of("silence", after))
			.withDetail(comment));
		changed(ConvergenceState.SILENCE, id);
		return after;
	}

	/** Ends the silence now (Alertmanager's expire); its alerts open again. */
	@Transactional
	Silence expire(UUID id) {
		this.authorization.require(EventPermissions.SILENCE_MANAGE);
		Silence before = find(id);
		Instant now = this.clock.instant();
		if ("expired".equals(before.status())) {
			return before;
		}
		this.jdbc
			.sql("UPDATE event.silence SET ends_at = ?, starts_at = least(starts_at, ?), updated_at = ? "
					+ "WHERE id = ?")
			.params(Timestamp.from(now), Timestamp.from(now), Timestamp.from(now), id)
			.update();
		Silence after = find(id);
		this.audit.record(AuditEntry.success("event.silence.expired", "silence", id.toString())
			.withChange(Map.of("endsAt", before.endsAt()), Map.of("endsAt", after.endsAt())));
		changed(ConvergenceState.SILENCE, id);
		return after;
	}

	@Transactional
	void delete(UUID id) {
		this.authorization.require(EventPermissions.SILENCE_MANAGE);
		Silence before = find(id);
		this.jdbc.sql("DELETE FROM event.silence WHERE id = ?").param(id).update();
		this.audit.record(AuditEntry.success("event.silence.deleted", "silence", id.toString())
			.withChange(Map.of("silence", before), null));
		changed(ConvergenceState.SILENCE, id);
	}

	/** The open alerts a scope would match: how many and the newest {@code limit}. */
	Preview preview(Silence.PreviewRequest request) {
		this.authorization.require(EventPermissions.SILENCE_MANAGE);
		List<FieldViolation> errors = new ArrayList<>();
		List<LabelMatcher> matchers = scope(request.matchers(), request.ciId(), request.businessSystemId(), errors);
		Checks.throwIfAny(errors);
		int limit = (request.limit() != null) ? Math.max(1, Math.min(200, request.limit())) : 20;
		AlertQuery query = new AlertQuery(OPEN_STATES, null, null, null, request.ciId(), request.businessSystemId(),
				matchers, null, null, null, null, limit);
		return this.authorization
			.runAsSystem(() -> new Preview(this.alerts.facets(query).total(), this.alerts.search(query).items()));
	}

	/** What a silence would match now. */
	record Preview(long count, List<AlertView> alerts) {
	}

	// maintenance windows

	List<MaintenanceWindow> windows() {
		this.authorization.require(EventPermissions.SILENCE_MANAGE);
		Instant now = this.clock.instant();
		return this.jdbc.sql("SELECT * FROM event.maintenance_window ORDER BY name")
			.query((rs, n) -> window(rs, now))
			.list();
	}

	MaintenanceWindow window(UUID id) {
		this.authorization.require(EventPermissions.SILENCE_MANAGE);
		return findWindow(id);
	}

	private MaintenanceWindow findWindow(UUID id) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("SELECT * FROM event.maintenance_window WHERE id = ?")
			.param(id)
			.query((rs, n) -> window(rs, now))
			.optional()
			.orElseThrow(() -> TianshuException.notFound("event.maintenance-window.not-found",
					"No such maintenance window"));
	}

	@Transactional
	MaintenanceWindow saveWindow(UUID id, MaintenanceWindow.Draft draft) {
		this.authorization.require(EventPermissions.SILENCE_MANAGE);
		Instant now = this.clock.instant();
		List<FieldViolation> errors = new ArrayList<>();
		String name = Checks.required(draft.name(), "name", 200, errors);
		List<LabelMatcher> matchers = scope(draft.matchers(), draft.ciId(), draft.businessSystemId(), errors);
		if (draft.schedule() == null) {
			errors.add(new FieldViolation("schedule", "required", "When the window is active"));
		}
		else {
			draft.schedule().check("schedule", this.state::calendar, errors);
		}
		if (draft.validFrom() != null && draft.validUntil() != null && !draft.validUntil().isAfter(draft.validFrom())) {
			errors.add(new FieldViolation("validUntil", "event.window.ends-before-starts",
					"validUntil must be after validFrom"));
		}
		Checks.throwIfAny(errors);
		MaintenanceWindow before = (id != null) ? findWindow(id) : null;
		UUID key = (id != null) ? id : UUID.randomUUID();
		try {
			this.jdbc
				.sql("""
						INSERT INTO event.maintenance_window (id, name, enabled, matchers, ci_id, business_system_id, schedule,
						  valid_from, valid_until, comment, created_by, created_at, updated_at)
						VALUES (:id, :name, :enabled, :matchers::jsonb, :ci, :bs, :schedule::jsonb, :validFrom, :validUntil,
						  :comment, :actor, :now, :now)
						ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, enabled = EXCLUDED.enabled,
						  matchers = EXCLUDED.matchers, ci_id = EXCLUDED.ci_id, business_system_id = EXCLUDED.business_system_id,
						  schedule = EXCLUDED.schedule, valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until,
						  comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at""")
				.param("id", key)
				.param("name", name)
				.param("enabled", draft.enabled() == null || draft.enabled())
				.param("matchers", this.json.writeValueAsString(Checks.texts(matchers)))
				.param("ci", draft.ciId())
				.param("bs", draft.businessSystemId())
				.param("schedule", this.json.writeValueAsString(draft.schedule()))
				.param("validFrom", (draft.validFrom() != null) ? Timestamp.from(draft.validFrom()) : null)
				.param("validUntil", (draft.validUntil() != null) ? Timestamp.from(draft.validUntil()) : null)
				.param("comment", draft.comment())
				.param("actor", this.authorization.currentActor().name())
				.param("now", Timestamp.from(now))
				.update();
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			throw TianshuException.invalidField("name", "event.maintenance-window.name-taken",
					"A maintenance window with this name exists");
		}
		MaintenanceWindow after = findWindow(key);
		this.audit.record(AuditEntry
			.success((before == null) ? "event.maintenance-window.created" : "event.maintenance-window.updated",
					"maintenance-window", key.toString())
			.withChange((before != null) ? Map.of("window", before) : null, Map.of("window", after)));
		changed(ConvergenceState.MAINTENANCE, key);
		return after;
	}

	@Transactional
	void deleteWindow(UUID id) {
		this.authorization.require(EventPermissions.SILENCE_MANAGE);
		MaintenanceWindow before = findWindow(id);
		this.jdbc.sql("DELETE FROM event.maintenance_window WHERE id = ?").param(id).update();
		this.audit.record(AuditEntry.success("event.maintenance-window.deleted", "maintenance-window", id.toString())
			.withChange(Map.of("window", before), null));
		changed(ConvergenceState.MAINTENANCE, id);
	}

	// shared

	private List<LabelMatcher> scope(List<String> texts, UUID ci, UUID businessSystem, List<FieldViolation> errors) {
		List<LabelMatcher> matchers = Checks.matchers(texts, "matchers", errors);
		for (LabelMatcher m : matchers) {
			if (m.name().startsWith("@")) {
				errors.add(new FieldViolation("matchers", "event.matcher.pseudo-label",
						"Scope by CI or business system with ciId / businessSystemId, not " + m.name()));
			}
		}
		if (matchers.isEmpty() && ci == null && businessSystem == null && (texts == null || texts.isEmpty())) {
			errors.add(new FieldViolation("matchers", "event.scope.empty",
					"At least one matcher, a CI or a business system"));
		}
		this.checks.ci(ci, null, "ciId", errors);
		this.checks.ci(businessSystem, "business_system", "businessSystemId", errors);
		return matchers;
	}

	private void changed(String kind, UUID id) {
		// after commit: the processor reads what this transaction wrote
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Silences.this.processor.definitionsChanged();
				Silences.this.processor.afterCommit(new ConvergenceProcessor.ScopeTask(kind, id));
			}
		});
	}

	private Silence silence(ResultSet rs, Instant now) throws SQLException {
		Instant starts = rs.getTimestamp("starts_at").toInstant();
		Instant ends = rs.getTimestamp("ends_at").toInstant();
		String status = now.isBefore(starts) ? "pending" : now.isBefore(ends) ? "active" : "expired";
		return new Silence(rs.getObject("id", UUID.class), this.json.readValue(rs.getString("matchers"), STRINGS),
				rs.getObject("ci_id", UUID.class), rs.getObject("business_system_id", UUID.class), starts, ends,
				rs.getString("created_by"), rs.getString("comment"), status, rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	private MaintenanceWindow window(ResultSet rs, Instant now) throws SQLException {
		WindowSchedule schedule = this.json.readValue(rs.getString("schedule"), WindowSchedule.class);
		Timestamp from = rs.getTimestamp("valid_from");
		Timestamp until = rs.getTimestamp("valid_until");
		ConvergenceState.WindowDef def = new ConvergenceState.WindowDef(rs.getObject("id", UUID.class),
				rs.getString("name"), rs.getBoolean("enabled"), new Scope(List.of(), null, null), schedule,
				(from != null) ? from.toInstant() : null, (until != null) ? until.toInstant() : null);
		return new MaintenanceWindow(def.id(), def.name(), def.enabled(),
				this.json.readValue(rs.getString("matchers"), STRINGS), rs.getObject("ci_id", UUID.class),
				rs.getObject("business_system_id", UUID.class), schedule, def.validFrom(), def.validUntil(),
				rs.getString("comment"), rs.getString("created_by"), this.state.windowActive(def, now),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
