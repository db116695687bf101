package io.tianshu.event.convergence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Inhibition rules and the topology inhibition settings: management (audited,
 * {@link EventPermissions#RULE_MANAGE}). After a change the processor re-evaluates the
 * active alerts.
 */
@Service
class InhibitRules {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final Audit audit;

	private final Clock clock;

	private final ConvergenceState state;

	private final ConvergenceProcessor processor;

	private final TopologyCache topology;

	InhibitRules(JdbcClient jdbc, JsonMapper json, Authorization authorization, Audit audit, Clock clock,
			ConvergenceState state, ConvergenceProcessor processor, TopologyCache topology) {
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.audit = audit;
		this.clock = clock;
		this.state = state;
		this.processor = processor;
		this.topology = topology;
	}

	List<InhibitRule> list() {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		return this.jdbc.sql("SELECT * FROM event.inhibit_rule ORDER BY name").query(this::map).list();
	}

	InhibitRule get(UUID id) {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		return find(id);
	}

	private InhibitRule find(UUID id) {
		return this.jdbc.sql("SELECT * FROM event.inhibit_rule WHERE id = ?")
			.param(id)
			.query(this::map)
			.optional()
			.orElseThrow(() -> TianshuException.notFound("event.inhibit-rule.not-found", "No such inhibition rule"));
	}

	@Transactional
	InhibitRule save(UUID id, InhibitRule.Draft draft) {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		List<FieldViolation> errors = new ArrayList<>();
		String name = Checks.required(draft.name(), "name", 200, errors);
		List<LabelMatcher> source = Checks.matchers(draft.sourceMatchers(), "sourceMatchers", errors);
		List<LabelMatcher> target = Checks.matchers(draft.targetMatchers(), "targetMatchers", errors);
		if (draft.sourceMatchers() == null || draft.sourceMatchers().isEmpty()) {
			errors.add(new FieldViolation("sourceMatchers", "required", "At least one matcher"));
		}
		if (draft.targetMatchers() == null || draft.targetMatchers().isEmpty()) {
			errors.add(new FieldViolation("targetMatchers", "required", "At least one matcher"));
		}
		List<String> equal = new ArrayList<>();
		for (String e : (draft.equal() != null) ? draft.equal() : List.<String>of()) {
			if (e == null || e.isBlank() || e.strip().contains(" ") || e.startsWith("@")) {
				errors.add(new FieldViolation("equal", "event.label-name.invalid", "A label name: " + e));
			}
			else if (!equal.contains(e.strip())) {
				equal.add(e.strip());
			}
		}
		Checks.throwIfAny(errors);
		Instant now = this.clock.instant();
		InhibitRule before = (id != null) ? find(id) : null;
		UUID key = (id != null) ? id : UUID.randomUUID();
		try {
			this.jdbc
				.sql("""
						INSERT INTO event.inhibit_rule (id, name, enabled, source_matchers, target_matchers, equal_labels,
						  created_at, updated_at) VALUES (:id, :name, :enabled, :source::jsonb, :target::jsonb, :equal::jsonb,
						  :now, :now)
						ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, enabled = EXCLUDED.enabled,
						  source_matchers = EXCLUDED.source_matchers, target_matchers = EXCLUDED.target_matchers,
						  equal_labels = EXCLUDED.equal_labels, updated_at = EXCLUDED.updated_at""")
				.param("id", key)
				.param("name", name)
				.param("enabled", draft.enabled() == null || draft.enabled())
				.param("source", this.json.writeValueAsString(Checks.texts(source)))
				.param("target", this.json.writeValueAsString(Checks.texts(target)))
				.param("equal", this.json.writeValueAsString(equal))
				.param("now", Timestamp.from(now))
				.update();
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			throw TianshuException.invalidField("name", "event.inhibit-rule.name-taken",
					"An inhibition rule with this name exists");
		}
		InhibitRule after = find(key);
		this.audit.record(AuditEntry
			.success((before == null) ? "event.inhibit-rule.created" : "event.inhibit-rule.updated", "inhibit-rule",
					key.toString())
			.withChange((before != null) ? Map.of("rule", before) : null, Map.of("rule", after)));
		changed();
		return after;
	}

	@Transactional
	void delete(UUID id) {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		InhibitRule before = find(id);
		this.jdbc.sql("DELETE FROM event.inhibit_rule WHERE id = ?").param(id).update();
		this.audit.record(AuditEntry.success("event.inhibit-rule.deleted", "inhibit-rule", id.toString())
			.withChange(Map.of("rule", before), null));
		changed();
	}

	// topology inhibition

	TopologyInhibition topology() {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		return current();
	}

	private TopologyInhibition current() {
		return this.jdbc.sql("SELECT * FROM event.topology_inhibition WHERE id = 1")
			.query((rs, n) -> new TopologyInhibition(rs.getBoolean("enabled"),
					io.tianshu.event.Severity.valueOf(rs.getString("min_severity")),
					TopologyInhibition.Mode.valueOf(rs.getString("mode")),
					this.json.readValue(rs.getString("relation_types"), STRINGS), rs.getInt("max_depth"),
					rs.getTimestamp("updated_at").toInstant()))
			.single();
	}

	@Transactional
	TopologyInhibition saveTopology(TopologyInhibition.Draft draft) {
		this.authorization.require(EventPermissions.RULE_MANAGE);
		TopologyInhibition before = current();
		List<FieldViolation> errors = new ArrayList<>();
		List<String> types = (draft.relationTypes() != null) ? draft.relationTypes() : before.relationTypes();
		if (types.isEmpty() || types.stream().anyMatch((t) -> t == null || !t.matches("[a-z][a-z0-9_]{0,63}"))) {
			errors.add(new FieldViolation("relationTypes", "event.relation-types.invalid",
					"One or more relation type codes such as runs_on, depends_on"));
		}
		int depth = (draft.maxDepth() != null) ? draft.maxDepth() : before.maxDepth();
		if (depth < 1 || depth > io.tianshu.cmdb.Topology.MAX_DEPTH) {
			errors.add(new FieldViolation("maxDepth", "event.max-depth.out-of-range",
					"Between 1 and " + io.tianshu.cmdb.Topology.MAX_DEPTH));
		}
		Checks.throwIfAny(errors);
		this.jdbc.sql("""
				UPDATE event.topology_inhibition SET enabled = ?, min_severity = ?, mode = ?, relation_types = ?::jsonb,
				  max_depth = ?, updated_at = ? WHERE id = 1""")
			.params((draft.enabled() != null) ? draft.enabled() : before.enabled(),
					((draft.minSeverity() != null) ? draft.minSeverity() : before.minSeverity()).name(),
					((draft.mode() != null) ? draft.mode() : before.mode()).name(),
					this.json.writeValueAsString(types.stream().distinct().toList()), depth,
					Timestamp.from(this.clock.instant()))
			.update();
		TopologyInhibition after = current();
		this.audit.record(AuditEntry.success("event.topology-inhibition.updated", "topology-inhibition", "1")
			.withChange(before, after));
		changed();
		return after;
	}

	private void changed() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				InhibitRules.this.topology.clear();
				InhibitRules.this.processor.definitionsChanged();
				InhibitRules.this.processor.afterCommit(new ConvergenceProcessor.RuleTask());
			}
		});
	}

	private InhibitRule map(ResultSet rs, int n) throws SQLException {
		return new InhibitRule(rs.getObject("id", UUID.class), rs.getString("name"), rs.getBoolean("enabled"),
				this.json.readValue(rs.getString("source_matchers"), STRINGS),
				this.json.readValue(rs.getString("target_matchers"), STRINGS),
				this.json.readValue(rs.getString("equal_labels"), STRINGS), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

}
