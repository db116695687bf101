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
import java.util.UUID;

import io.tianshu.event.EventPermissions;
import io.tianshu.event.LabelMatcher;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TianshuException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grouping rules: management (audited, {@link EventPermissions#RULE_MANAGE}) and the
 * compiled list grouping applies (reloaded every few seconds, at once after a change on
 * this node).
 */
@Service
class GroupingRules {

	static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

	static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

	private static final Duration RELOAD = Duration.ofSeconds(5);

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<List<List<String>>> ALTERNATIVES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final Audit audit;

	private final Clock clock;

	private volatile List<Grouping.Compiled> compiled;

	private volatile Instant loadedAt = Instant.EPOCH;

	GroupingRules(JdbcClient jdbc, JsonMapper json, Authorization authorization, Audit audit, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.audit = audit;
		this.clock = clock;
	}

	/** The enabled rules in order, compiled. */
	List<Grouping.Compiled> compiled() {
		Instant now = this.clock.instant();
		List<Grouping.Compiled> c = this.compiled;
		if (c == null || this.loadedAt.plus(RELOAD).isBefore(now)) {
			List<Grouping.Compiled> rules = new ArrayList<>();
			for (GroupingRule rule : all()) {
				if (!rule.enabled()) {
					continue;
				}
				try {
					rules.add(new Grouping.Compiled(rule, rule.matchers().stream().map(LabelMatcher::parse).toList(),
							Durations.parse(rule.groupWait()), Durations.parse(rule.groupInterval())));
				}
				catch (TianshuException ex) {
					// validated when saved; a rule that no longer parses is skipped
				}
			}
			c = List.copyOf(rules);
			this.compiled = c;
			this.loadedAt = now;
		}
		return c;
	}

	List<GroupingRule> list() {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		return all();
	}

	private List<GroupingRule> all() {
		return this.jdbc.sql("SELECT * FROM event.grouping_rule ORDER BY position, name").query(this::map).list();
	}

	GroupingRule get(UUID id) {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		return find(id);
	}

	private GroupingRule find(UUID id) {
		return this.jdbc.sql("SELECT * FROM event.grouping_rule WHERE id = ?")
			.param(id)
			.query(this::map)
			.optional()
			.orElseThrow(() -> TianshuException.notFound("event.grouping-rule.not-found", "No such grouping rule"));
	}

	@Transactional
	GroupingRule save(UUID id, GroupingRule.Draft draft) {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		List<FieldViolation> errors = new ArrayList<>();
		String name = Checks.required(draft.name(), "name", 200, errors);
		List<LabelMatcher> matchers = Checks.matchers(draft.matchers(), "matchers", errors);
		List<List<String>> groupBy = new ArrayList<>();
		if (draft.groupBy() != null) {
			for (int i = 0; i < draft.groupBy().size(); i++) {
				List<String> alt = draft.groupBy().get(i);
				List<String> names = new ArrayList<>();
				for (String n : (alt != null) ? alt : List.<String>of()) {
					if (n == null || n.isBlank() || n.length() > 128 || n.strip().contains(" ")) {
						errors.add(new FieldViolation("groupBy[" + i + "]", "event.group-by.invalid",
								"A label name, @ci, @business_system, @severity, @integration or ..."));
					}
					else if (n.startsWith("@") && !List
						.of(AlertFacts.CI, AlertFacts.BUSINESS_SYSTEM, AlertFacts.SEVERITY, AlertFacts.INTEGRATION)
						.contains(n.strip())) {
						errors.add(new FieldViolation("groupBy[" + i + "]", "event.group-by.unknown-key",
								"Unknown special key " + n + " (@ci, @business_system, @severity, @integration)"));
					}
					else if (!names.contains(n.strip())) {
						names.add(n.strip());
					}
				}
				groupBy.add(names);
			}
		}
		Duration wait = duration(draft.groupWait(), DEFAULT_WAIT, "groupWait", Duration.ZERO, errors);
		Duration interval = duration(draft.groupInterval(), DEFAULT_INTERVAL, "groupInterval", Duration.ofMillis(100),
				errors);
		Checks.throwIfAny(errors);
		Instant now = this.clock.instant();
		int position = (draft.position() != null) ? draft.position()
				: this.jdbc.sql("SELECT coalesce(max(position), 0) + 10 FROM event.grouping_rule WHERE position < 1000")
					.query(Integer.class)
					.single();
		boolean enabled = draft.enabled() == null || draft.enabled();
		boolean cont = draft.continueMatching() != null && draft.continueMatching();
		GroupingRule before = null;
		if (id == null) {
			id = UUID.randomUUID();
		}
		else {
			before = find(id);
		}
		try {
			this.jdbc.sql("""
					INSERT INTO event.grouping_rule (id, name, position, enabled, matchers, group_by, continue_matching,
					  group_wait_ms, group_interval_ms, description, created_at, updated_at)
					VALUES (:id, :name, :position, :enabled, :matchers::jsonb, :groupBy::jsonb, :cont, :wait, :interval,
					  :description, :now, :now)
					ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position,
					  enabled = EXCLUDED.enabled, matchers = EXCLUDED.matchers, group_by = EXCLUDED.group_by,
					  continue_matching = EXCLUDED.continue_matching, group_wait_ms = EXCLUDED.group_wait_ms,
					  group_interval_ms = EXCLUDED.group_interval_ms, description = EXCLUDED.description,
					  updated_at = EXCLUDED.updated_at""")
				.param("id", id)
				.param("name", name)
				.param("position", position)
				.param("enabled", enabled)
				.param("matchers", this.json.writeValueAsString(Checks.texts(matchers)))
				.param("groupBy", this.json.writeValueAsString(groupBy))
				.param("cont", cont)
				.param("wait", wait.toMillis())
				.param("interval", interval.toMillis())
				.param("description", draft.description())
				.param("now", Timestamp.from(now))
				.update();
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			throw TianshuException.invalidField("name", "event.grouping-rule.name-taken",
					"A grouping rule with this name exists");
		}
		GroupingRule after = find(id);
		this.audit
			.record(AuditEntry
				.success((before == null) ? "event.grouping-rule.created" : "event.grouping-rule.updated",
						"grouping-rule", id.toString())
				.withChange((before != null) ? Map.of("rule", before) : null, Map.of("rule", after)));
		this.compiled = null;
		return after;
	}

	@Transactional
	void delete(UUID id) {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		GroupingRule before = find(id);
		this.jdbc.sql("DELETE FROM event.grouping_rule WHERE id = ?").param(id).update();
		this.audit.record(AuditEntry.success("event.grouping-rule.deleted", "grouping-rule", id.toString())
			.withChange(Map.of("rule", before), null));
		this.compiled = null;
	}

	private static Duration duration(String text, Duration fallback, String field, Duration min,
			List<FieldViolation> errors) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		Duration d = Durations.parse(text);
		if (d == null) {
			errors.add(new FieldViolation(field, "event.duration.invalid", "A duration such as 200ms, 30s, 5m or 1h"));
			return fallback;
		}
		if (d.compareTo(min) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
			errors.add(new FieldViolation(field, "event.duration.out-of-range",
					"Between " + Durations.format(min) + " and 1d"));
		}
		return d;
	}

	private GroupingRule map(ResultSet rs, int n) throws SQLException {
		return new GroupingRule(rs.getObject("id", UUID.class), rs.getString("name"), rs.getInt("position"),
				rs.getBoolean("enabled"), this.json.readValue(rs.getString("matchers"), STRINGS),
				this.json.readValue(rs.getString("group_by"), ALTERNATIVES), rs.getBoolean("continue_matching"),
				Durations.format(Duration.ofMillis(rs.getLong("group_wait_ms"))),
				Durations.format(Duration.ofMillis(rs.getLong("group_interval_ms"))), rs.getString("description"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
