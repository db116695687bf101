package io.tianshu.event.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.tianshu.event.EventPermissions;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.LabelMatcher;
import io.tianshu.event.Severity;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.TianshuException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drop/transform rules and enrichment rules: management (audited, needs
 * {@link EventPermissions#RULE_MANAGE}) and the compiled, cached view the intake applies
 * (reloaded every few seconds, at once after a change on this node).
 */
@Service
public class RuleStore {

	private static final Duration RELOAD = Duration.ofSeconds(5);

	private static final TypeReference<List<String>> LIST = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final Audit audit;

	private final Clock clock;

	private volatile Compiled compiled;

	private volatile List<EnrichmentRule> enrichment;

	private volatile Instant loadedAt = Instant.EPOCH;

	private final Map<UUID, LongAdder> hits = new ConcurrentHashMap<>();

	RuleStore(JdbcClient jdbc, JsonMapper json, Authorization authorization, Audit audit, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.audit = audit;
		this.clock = clock;
	}

	/** What the rules make of a signal: the signal (possibly changed) or a drop. */
	public record Applied(IncomingSignal signal, String droppedBy) {

		public boolean dropped() {
			return this.droppedBy != null;
		}

	}

	/** Applies the enabled drop/transform rules in order. */
	public Applied apply(IncomingSignal signal) {
		Compiled rules = current();
		IncomingSignal s = signal;
		for (CompiledRule rule : rules.rules()) {
			if (rule.rule().integrationId() != null && !rule.rule().integrationId().equals(s.integrationId())) {
				continue;
			}
			Map<String, String> labels = s.labels();
			if (!rule.matchers().stream().allMatch((m) -> m.matches(labels))) {
				continue;
			}
			this.hits.computeIfAbsent(rule.rule().id(), (id) -> new LongAdder()).increment();
			if (rule.rule().action() == SignalRule.Action.DROP) {
				return new Applied(s, rule.rule().name());
			}
			Map<String, String> changed = new LinkedHashMap<>(labels);
			rule.rule().renameLabels().forEach((from, to) -> {
				String value = changed.remove(from);
				if (value != null) {
					changed.put(to, value);
				}
			});
			changed.putAll(rule.rule().setLabels());
			s = s.with(changed, (rule.rule().setSeverity() != null) ? rule.rule().setSeverity() : s.severity());
		}
		return new Applied(s, null);
	}

	/** The enabled enrichment rules in order. */
	public List<EnrichmentRule> enrichmentRules() {
		current();
		return this.enrichment;
	}

	private Compiled current() {
		Instant now = this.clock.instant();
		Compiled c = this.compiled;
		if (c == null || this.loadedAt.plus(RELOAD).isBefore(now)) {
			c = load(now);
		}
		return c;
	}

	private synchronized Compiled load(Instant now) {
		Compiled fresh = this.compiled;
		if (fresh != null && !this.loadedAt.plus(RELOAD).isBefore(now)) {
			// loaded by the request that held the lock before this one
			return fresh;
		}
		List<CompiledRule> rules = new ArrayList<>();
		for (SignalRule rule : this.jdbc.sql("SELECT * FROM event.signal_rule WHERE enabled ORDER BY position, name")
			.query(this::mapSignalRule)
			.list()) {
			try {
				rules.add(new CompiledRule(rule, rule.matchers().stream().map(LabelMatcher::parse).toList()));
			}
			catch (TianshuException ex) {
				// validated when saved; a rule that no longer parses is skipped rather
				// than
				// stopping the intake
			}
		}
		this.enrichment = this.jdbc.sql("SELECT * FROM event.enrichment_rule WHERE enabled ORDER BY position, name")
			.query(this::mapEnrichmentRule)
			.list();
		Compiled c = new Compiled(List.copyOf(rules));
		this.compiled = c;
		this.loadedAt = now;
		return c;
	}

	private void changed() {
		this.compiled = null;
	}

	@Scheduled(fixedDelayString = "${tianshu.event.counter-flush:2s}")
	void flushHits() {
		this.hits.forEach((id, adder) -> {
			long n = adder.sumThenReset();
			if (n > 0) {
				this.jdbc.sql("UPDATE event.signal_rule SET hits = hits + ? WHERE id = ?").params(n, id).update();
			}
		});
	}

	// management

	public List<SignalRule> signalRules() {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		flushHits();
		return this.jdbc.sql("SELECT * FROM event.signal_rule ORDER BY position, name")
			.query(this::mapSignalRule)
			.list();
	}

	@Transactional
	public SignalRule saveSignalRule(UUID id, SignalRuleDraft draft) {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		List<FieldViolation> errors = new ArrayList<>();
		if (draft.name() == null || draft.name().isBlank()) {
			errors.add(new FieldViolation("name", "required", "A name is required"));
		}
		if (draft.action() == null) {
			errors.add(new FieldViolation("action", "required", "DROP or TRANSFORM"));
		}
		List<String> matchers = (draft.matchers() != null) ? draft.matchers() : List.of();
		if (matchers.isEmpty()) {
			errors.add(new FieldViolation("matchers", "required", "At least one matcher"));
		}
		for (String m : matchers) {
			try {
				LabelMatcher.parse(m);
			}
			catch (TianshuException ex) {
				errors.add(new FieldViolation("matchers", ex.code(), ex.getMessage()));
			}
		}
		if (!errors.isEmpty()) {
			throw TianshuException.invalid("The rule is invalid", errors);
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		boolean created = id == null;
		UUID ruleId = created ? UUID.randomUUID() : id;
		SignalRule before = created ? null : signalRule(ruleId);
		if (duplicateName("signal_rule", draft.name(), ruleId)) {
			throw TianshuException.conflict("event.rule.name-taken", "Another rule has this name");
		}
		this.jdbc.sql("""
				INSERT INTO event.signal_rule (id, name, position, enabled, integration_id, matchers, action,
				  set_labels, rename_labels, set_severity, created_at, updated_at)
				VALUES (:id, :name, :position, :enabled, :integration, :matchers::jsonb, :action, :set::jsonb,
				  :rename::jsonb, :severity, :now, :now)
				ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position,
				  enabled = EXCLUDED.enabled, integration_id = EXCLUDED.integration_id, matchers = EXCLUDED.matchers,
				  action = EXCLUDED.action, set_labels = EXCLUDED.set_labels, rename_labels = EXCLUDED.rename_labels,
				  set_severity = EXCLUDED.set_severity, updated_at = EXCLUDED.updated_at""")
			.param("id", ruleId)
			.param("name", draft.name().strip())
			.param("position", (draft.position() != null) ? draft.position() : 100)
			.param("enabled", draft.enabled() == null || draft.enabled())
			.param("integration", draft.integrationId())
			.param("matchers", this.json.writeValueAsString(matchers))
			.param("action", draft.action().name())
			.param("set", this.json.writeValueAsString((draft.setLabels() != null) ? draft.setLabels() : Map.of()))
			.param("rename",
					this.json.writeValueAsString((draft.renameLabels() != null) ? draft.renameLabels() : Map.of()))
			.param("severity", (draft.setSeverity() != null) ? draft.setSeverity().name() : null)
			.param("now", now)
			.update();
		SignalRule after = signalRule(ruleId);
		this.audit.record(AuditEntry
			.success(created ? "event.rule.created" : "event.rule.updated", "signal-rule", ruleId.toString())
			.withChange(before, after));
		changed();
		return after;
	}

	@Transactional
	public void deleteSignalRule(UUID id) {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		SignalRule before = signalRule(id);
		this.jdbc.sql("DELETE FROM event.signal_rule WHERE id = ?").param(id).update();
		this.audit
			.record(AuditEntry.success("event.rule.deleted", "signal-rule", id.toString()).withChange(before, null));
		changed();
	}

	public List<EnrichmentRule> listEnrichmentRules() {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		return this.jdbc.sql("SELECT * FROM event.enrichment_rule ORDER BY position, name")
			.query(this::mapEnrichmentRule)
			.list();
	}

	@Transactional
	public EnrichmentRule saveEnrichmentRule(UUID id, EnrichmentRuleDraft draft) {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		List<FieldViolation> errors = new ArrayList<>();
		if (draft.name() == null || draft.name().isBlank()) {
			errors.add(new FieldViolation("name", "required", "A name is required"));
		}
		if (draft.label() == null || draft.label().isBlank()) {
			errors.add(new FieldViolation("label", "required", "A label is required"));
		}
		if (draft.attribute() == null || draft.attribute().isBlank()) {
			errors.add(new FieldViolation("attribute", "required", "A CI attribute is required"));
		}
		if (draft.pattern() != null && !draft.pattern().isBlank()) {
			try {
				Pattern.compile(draft.pattern());
			}
			catch (PatternSyntaxException ex) {
				errors.add(new FieldViolation("pattern", "event.rule.regex-invalid", "Not a regular expression"));
			}
		}
		if (!errors.isEmpty()) {
			throw TianshuException.invalid("The rule is invalid", errors);
		}
		boolean created = id == null;
		UUID ruleId = created ? UUID.randomUUID() : id;
		EnrichmentRule before = created ? null : enrichmentRule(ruleId);
		if (duplicateName("enrichment_rule", draft.name(), ruleId)) {
			throw TianshuException.conflict("event.rule.name-taken", "Another rule has this name");
		}
		this.jdbc.sql("""
				INSERT INTO event.enrichment_rule (id, name, position, enabled, label, pattern, ci_model, attribute,
				  created_at, updated_at)
				VALUES (:id, :name, :position, :enabled, :label, :pattern, :model, :attribute, :now, :now)
				ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position,
				  enabled = EXCLUDED.enabled, label = EXCLUDED.label, pattern = EXCLUDED.pattern,
				  ci_model = EXCLUDED.ci_model, attribute = EXCLUDED.attribute, updated_at = EXCLUDED.updated_at""")
			.param("id", ruleId)
			.param("name", draft.name().strip())
			.param("position", (draft.position() != null) ? draft.position() : 100)
			.param("enabled", draft.enabled() == null || draft.enabled())
			.param("label", draft.label().strip())
			.param("pattern", (draft.pattern() != null && !draft.pattern().isBlank()) ? draft.pattern() : null)
			.param("model", (draft.ciModel() != null && !draft.ciModel().isBlank()) ? draft.ciModel() : null)
			.param("attribute", draft.attribute().strip())
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		EnrichmentRule after = enrichmentRule(ruleId);
		this.audit.record(
				AuditEntry
					.success(created ? "event.enrichment-rule.created" : "event.enrichment-rule.updated",
							"enrichment-rule", ruleId.toString())
					.withChange(before, after));
		changed();
		return after;
	}

	@Transactional
	public void deleteEnrichmentRule(UUID id) {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		EnrichmentRule before = enrichmentRule(id);
		this.jdbc.sql("DELETE FROM event.enrichment_rule WHERE id = ?").param(id).update();
		this.audit.record(AuditEntry.success("event.enrichment-rule.deleted", "enrichment-rule", id.toString())
			.withChange(before, null));
		changed();
	}

	private boolean duplicateName(String table, String name, UUID self) {
		return this.jdbc.sql("SELECT count(*) FROM event." + table + " WHERE lower(name) = lower(?) AND id <> ?")
			.params(name.strip(), self)
			.query(Long.class)
			.single() > 0;
	}

	private SignalRule signalRule(UUID id) {
		return this.jdbc.sql("SELECT * FROM event.signal_rule WHERE id = ?")
			.param(id)
			.query(this::mapSignalRule)
			.optional()
			.orElseThrow(() -> TianshuException.notFound("event.rule.not-found", "No such rule"));
	}

	private EnrichmentRule enrichmentRule(UUID id) {
		return this.jdbc.sql("SELECT * FROM event.enrichment_rule WHERE id = ?")
			.param(id)
			.query(this::mapEnrichmentRule)
			.optional()
			.orElseThrow(() -> TianshuException.notFound("event.rule.not-found", "No such rule"));
	}

	private SignalRule mapSignalRule(ResultSet rs, int n) throws SQLException {
		String severity = rs.getString("set_severity");
		return new SignalRule(rs.getObject("id", UUID.class), rs.getString("name"), rs.getInt("position"),
				rs.getBoolean("enabled"), rs.getObject("integration_id", UUID.class),
				this.json.readValue(rs.getString("matchers"), LIST), SignalRule.Action.valueOf(rs.getString("action")),
				this.json.readValue(rs.getString("set_labels"), MAP),
				this.json.readValue(rs.getString("rename_labels"), MAP),
				(severity != null) ? Severity.valueOf(severity) : null, rs.getLong("hits"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

	private EnrichmentRule mapEnrichmentRule(ResultSet rs, int n) throws SQLException {
		return new EnrichmentRule(rs.getObject("id", UUID.class), rs.getString("name"), rs.getInt("position"),
				rs.getBoolean("enabled"), rs.getString("label"), rs.getString("pattern"), rs.getString("ci_model"),
				rs.getString("attribute"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	record Compiled(List<CompiledRule> rules) {
	}

	record CompiledRule(SignalRule rule, List<LabelMatcher> matchers) {
	}

	public record SignalRuleDraft(String name, Integer position, Boolean enabled, UUID integrationId,
			List<String> matchers, SignalRule.Action action, Map<String, String> setLabels,
			Map<String, String> renameLabels, Severity setSeverity) {
	}

	public record EnrichmentRuleDraft(String name, Integer position, Boolean enabled, String label, String pattern,
			String ciModel, String attribute) {
	}

}
