package io.tianshu.event.convergence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.tianshu.event.LabelMatcher;
import io.tianshu.event.Severity;
import io.tianshu.platform.BusinessCalendar;
import io.tianshu.platform.Calendars;
import io.tianshu.platform.TianshuException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The convergence definitions held in memory, so the intake's suppression hook never
 * touches the database: silences (those not long expired), maintenance windows,
 * inhibition rules, topology settings, and which silences and windows are active now.
 * Reloaded after every change on this node and by the processor's sweep (changes made on
 * other nodes).
 */
@Component
class ConvergenceState {

	static final String SILENCE = "SILENCE";

	static final String MAINTENANCE = "MAINTENANCE";

	static final String INHIBIT = "INHIBIT";

	static final String TOPOLOGY = "TOPOLOGY";

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final Calendars calendars;

	private volatile Snapshot snapshot = new Snapshot(List.of(), List.of(), List.of(), new TopologyInhibition(true,
			Severity.MAJOR, TopologyInhibition.Mode.MARK, List.of("runs_on", "depends_on"), 4, Instant.EPOCH));

	/** Active silences and windows as of the last tick, by ref ({@code SILENCE:id}). */
	private final Map<String, Boolean> active = new ConcurrentHashMap<>();

	ConvergenceState(JdbcClient jdbc, JsonMapper json, Clock clock, Calendars calendars) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.calendars = calendars;
	}

	record SilenceDef(UUID id, Scope scope, Instant startsAt, Instant endsAt) {

		boolean activeAt(Instant now) {
			return !now.isBefore(this.startsAt) && now.isBefore(this.endsAt);
		}

	}

	record WindowDef(UUID id, String name, boolean enabled, Scope scope, WindowSchedule schedule, Instant validFrom,
			Instant validUntil) {

	}

	record InhibitDef(UUID id, String name, List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {

		/**
		 * Whether source and target agree on the equal labels (absent on both is equal).
		 */
		boolean equalLabels(Map<String, String> source, Map<String, String> target) {
			for (String name : this.equal) {
				if (!source.getOrDefault(name, "").equals(target.getOrDefault(name, ""))) {
					return false;
				}
			}
			return true;
		}

		boolean isSource(Map<String, String> labels) {
			return this.source.stream().allMatch((m) -> m.matches(labels));
		}

		boolean isTarget(Map<String, String> labels) {
			return this.target.stream().allMatch((m) -> m.matches(labels));
		}

	}

	record Snapshot(List<SilenceDef> silences, List<WindowDef> windows, List<InhibitDef> inhibitRules,
			TopologyInhibition topology) {
	}

	/** One active scope: a silence or a window in progress. */
	record ActiveScope(String kind, UUID id, Scope scope) {

		String ref() {
			return this.id.toString();
		}

	}

	Snapshot snapshot() {
		return this.snapshot;
	}

	TopologyInhibition topology() {
		return this.snapshot.topology();
	}

	synchronized void reload() {
		Instant now = this.clock.instant();
		List<SilenceDef> silences = this.jdbc
			.sql("SELECT id, matchers, ci_id, business_system_id, starts_at, ends_at FROM event.silence "
					+ "WHERE ends_at > ?")
			.param(Timestamp.from(now.minus(Duration.ofHours(1))))
			.query((rs, n) -> new SilenceDef(rs.getObject(1, UUID.class),
					scope(rs.getString(2), rs.getObject(3, UUID.class), rs.getObject(4, UUID.class)),
					rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
			.list();
		List<WindowDef> windows = this.jdbc.sql("SELECT * FROM event.maintenance_window")
			.query((rs, n) -> new WindowDef(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getBoolean("enabled"),
					scope(rs.getString("matchers"), rs.getObject("ci_id", UUID.class),
							rs.getObject("business_system_id", UUID.class)),
					this.json.readValue(rs.getString("schedule"), WindowSchedule.class),
					instant(rs.getTimestamp("valid_from")), instant(rs.getTimestamp("valid_until"))))
			.list();
		List<InhibitDef> rules = new ArrayList<>();
		this.jdbc.sql("SELECT * FROM event.inhibit_rule WHERE enabled ORDER BY name").query((rs, n) -> {
			try {
				rules.add(new InhibitDef(rs.getObject("id", UUID.class), rs.getString("name"),
						parse(rs.getString("source_matchers")), parse(rs.getString("target_matchers")),
						this.json.readValue(rs.getString("equal_labels"), STRINGS)));
			}
			catch (TianshuException ex) {
				// validated when saved
			}
			return null;
		}).list();
		TopologyInhibition topology = this.jdbc.sql("SELECT * FROM event.topology_inhibition WHERE id = 1")
			.query((rs, n) -> new TopologyInhibition(rs.getBoolean("enabled"),
					Severity.valueOf(rs.getString("min_severity")),
					TopologyInhibition.Mode.valueOf(rs.getString("mode")),
					this.json.readValue(rs.getString("relation_types"), STRINGS), rs.getInt("max_depth"),
					rs.getTimestamp("updated_at").toInstant()))
			.optional()
			.orElse(this.snapshot.topology());
		this.snapshot = new Snapshot(List.copyOf(silences), List.copyOf(windows), List.copyOf(rules), topology);
	}

	/**
	 * Evaluates which silences and windows are active now; answers the refs
	 * ({@code kind:id}) whose activity changed since the previous tick (all of them at
	 * the first tick).
	 */
	List<String> tick() {
		Instant now = this.clock.instant();
		Map<String, Boolean> current = new HashMap<>();
		Snapshot s = this.snapshot;
		for (SilenceDef d : s.silences()) {
			current.put(SILENCE + ":" + d.id(), d.activeAt(now));
		}
		for (WindowDef w : s.windows()) {
			current.put(MAINTENANCE + ":" + w.id(), windowActive(w, now));
		}
		List<String> changed = new ArrayList<>();
		current.forEach((ref, on) -> {
			Boolean before = this.active.put(ref, on);
			if (before == null || before != on.booleanValue()) {
				changed.add(ref);
			}
		});
		for (String ref : List.copyOf(this.active.keySet())) {
			if (!current.containsKey(ref)) {
				// deleted or long expired
				this.active.remove(ref);
				changed.add(ref);
			}
		}
		return changed;
	}

	boolean windowActive(WindowDef w, Instant now) {
		if (!w.enabled() || (w.validFrom() != null && now.isBefore(w.validFrom()))
				|| (w.validUntil() != null && !now.isBefore(w.validUntil()))) {
			return false;
		}
		try {
			return w.schedule().activeAt(now, this::calendar);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	Optional<BusinessCalendar> calendar(String code) {
		try {
			return this.calendars.find(code);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** The silences and windows active at the instant (evaluated, not from the tick). */
	List<ActiveScope> activeScopes(Instant now) {
		Snapshot s = this.snapshot;
		List<ActiveScope> out = new ArrayList<>();
		for (SilenceDef d : s.silences()) {
			if (d.activeAt(now)) {
				out.add(new ActiveScope(SILENCE, d.id(), d.scope()));
			}
		}
		for (WindowDef w : s.windows()) {
			if (Boolean.TRUE.equals(this.active.get(MAINTENANCE + ":" + w.id()))) {
				out.add(new ActiveScope(MAINTENANCE, w.id(), w.scope()));
			}
		}
		return out;
	}

	/** The active scope of a ref, if it is active now. */
	Optional<ActiveScope> activeScope(String kind, UUID id) {
		Instant now = this.clock.instant();
		Snapshot s = this.snapshot;
		if (SILENCE.equals(kind)) {
			return s.silences()
				.stream()
				.filter((d) -> d.id().equals(id) && d.activeAt(now))
				.findFirst()
				.map((d) -> new ActiveScope(SILENCE, d.id(), d.scope()));
		}
		return s.windows()
			.stream()
			.filter((w) -> w.id().equals(id) && windowActive(w, now))
			.findFirst()
			.map((w) -> new ActiveScope(MAINTENANCE, w.id(), w.scope()));
	}

	private Scope scope(String matchers, UUID ci, UUID businessSystem) {
		List<LabelMatcher> parsed;
		try {
			parsed = parse(matchers);
		}
		catch (TianshuException ex) {
			parsed = List.of(LabelMatcher.parse("__never__=~a^"));
		}
		return new Scope(parsed, ci, businessSystem);
	}

	private List<LabelMatcher> parse(String json) {
		return this.json.readValue(json, STRINGS).stream().map(LabelMatcher::parse).toList();
	}

	private static Instant instant(Timestamp t) {
		return (t != null) ? t.toInstant() : null;
	}

}
