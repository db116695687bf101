package io.tianshu.platform.guard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.Calendars;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.TianshuException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Guard policies in {@code platform.guard_policy}: validated on every write, each change
 * audited as {@code platform.guard.policy.created|updated|deleted}.
 */
@Service
class GuardPolicies {

	private static final Pattern OPERATION_KIND = Pattern.compile("\\*|[a-z0-9][a-z0-9_-]*(\\.[a-z0-9_-]+)*(\\.\\*)?");

	private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final Audit audit;

	private final Calendars calendars;

	private final Clock clock;

	GuardPolicies(JdbcClient jdbc, JsonMapper json, Authorization authorization, Audit audit, Calendars calendars,
			Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.audit = audit;
		this.calendars = calendars;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<GuardPolicy> list() {
		this.authorization.require(PlatformPermissions.GUARD_READ);
		return all();
	}

	/** Every policy, for evaluation (no permission check). */
	List<GuardPolicy> all() {
		return this.jdbc.sql("""
				SELECT id, name, kind, enabled, environments::text AS environments,
				  operation_kinds::text AS operation_kinds, config::text AS config, description
				FROM platform.guard_policy ORDER BY name""").query(this::row).list();
	}

	@Transactional(readOnly = true)
	public GuardPolicy get(UUID id) {
		this.authorization.require(PlatformPermissions.GUARD_READ);
		return find(id).orElseThrow(() -> notFound(id));
	}

	@Transactional
	public GuardPolicy create(PolicyDraft draft) {
		this.authorization.require(PlatformPermissions.GUARD_WRITE);
		GuardPolicy policy = validate(UUID.randomUUID(), draft);
		Timestamp now = Timestamp.from(this.clock.instant());
		try {
			this.jdbc.sql("""
					INSERT INTO platform.guard_policy (id, name, kind, enabled, environments, operation_kinds, config,
					  description, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?)""")
				.params(policy.id(), policy.name(), policy.kind().name(), policy.enabled(),
						this.json.writeValueAsString(policy.environments()),
						this.json.writeValueAsString(policy.operationKinds()),
						this.json.writeValueAsString(policy.config()), policy.description(), now, now)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw nameTaken(policy.name());
		}
		this.audit.record(AuditEntry.success("platform.guard.policy.created", "guard-policy", policy.id().toString())
			.withChange(null, policy));
		return policy;
	}

	@Transactional
	public GuardPolicy update(UUID id, PolicyDraft draft) {
		this.authorization.require(PlatformPermissions.GUARD_WRITE);
		GuardPolicy before = find(id).orElseThrow(() -> notFound(id));
		GuardPolicy policy = validate(id, draft);
		try {
			this.jdbc.sql("""
					UPDATE platform.guard_policy SET name = ?, kind = ?, enabled = ?, environments = ?::jsonb,
					  operation_kinds = ?::jsonb, config = ?::jsonb, description = ?, updated_at = ?
					WHERE id = ?""")
				.params(policy.name(), policy.kind().name(), policy.enabled(),
						this.json.writeValueAsString(policy.environments()),
						this.json.writeValueAsString(policy.operationKinds()),
						this.json.writeValueAsString(policy.config()), policy.description(),
						Timestamp.from(this.clock.instant()), id)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw nameTaken(policy.name());
		}
		this.audit.record(AuditEntry.success("platform.guard.policy.updated", "guard-policy", id.toString())
			.withChange(before, policy));
		return policy;
	}

	@Transactional
	public void delete(UUID id) {
		this.authorization.require(PlatformPermissions.GUARD_WRITE);
		GuardPolicy before = find(id).orElseThrow(() -> notFound(id));
		this.jdbc.sql("DELETE FROM platform.guard_policy WHERE id = ?").param(id).update();
		this.audit.record(AuditEntry.success("platform.guard.policy.deleted", "guard-policy", id.toString())
			.withChange(before, null));
	}

	private Optional<GuardPolicy> find(UUID id) {
		return this.jdbc.sql("""
				SELECT id, name, kind, enabled, environments::text AS environments,
				  operation_kinds::text AS operation_kinds, config::text AS config, description
				FROM platform.guard_policy WHERE id = ?""").param(id).query(this::row).optional();
	}

	private GuardPolicy validate(UUID id, PolicyDraft draft) {
		List<FieldViolation> violations = new ArrayList<>();
		String name = (draft.name() != null) ? draft.name().strip() : "";
		if (name.isEmpty() || name.length() > 100) {
			violations.add(new FieldViolation("name", "guard.policy.name-invalid", "name must be 1–100 characters"));
		}
		PolicyKind kind = null;
		if (draft.kind() == null) {
			violations.add(new FieldViolation("kind", "guard.policy.required", "kind is required"));
		}
		else {
			try {
				kind = PolicyKind.valueOf(draft.kind().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				violations.add(new FieldViolation("kind", "guard.policy.kind-invalid",
						"kind must be WINDOW, MARKET_HOURS or SOURCE_ALLOWLIST"));
			}
		}
		List<String> environments = cleaned(draft.environments(), "environments", ENVIRONMENT, violations);
		List<String> operationKinds = cleaned(draft.operationKinds(), "operationKinds", OPERATION_KIND, violations);
		if (draft.description() != null && draft.description().length() > 1000) {
			violations.add(new FieldViolation("description", "guard.policy.description-too-long",
					"description must be at most 1000 characters"));
		}
		Map<String, Object> config = (draft.config() != null) ? draft.config() : Map.of();
		if (draft.config() == null) {
			violations.add(new FieldViolation("config", "guard.policy.required", "config is required"));
		}
		else if (kind != null) {
			PolicyRules.compile(kind, config, this.calendars::find, violations);
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The policy is invalid", violations);
		}
		return new GuardPolicy(id, name, kind, draft.enabled() == null || draft.enabled(), environments, operationKinds,
				config, blankToNull(draft.description()));
	}

	private static List<String> cleaned(List<String> values, String field, Pattern pattern,
			List<FieldViolation> violations) {
		if (values == null) {
			return List.of();
		}
		List<String> out = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			String value = (values.get(i) != null) ? values.get(i).strip().toLowerCase(Locale.ROOT) : "";
			if (!pattern.matcher(value).matches()) {
				violations.add(new FieldViolation(field + "[" + i + "]", "guard.policy.pattern-invalid",
						"'" + values.get(i) + "' is not a valid entry of " + field));
			}
			else if (!out.contains(value)) {
				out.add(value);
			}
		}
		return List.copyOf(out);
	}

	private GuardPolicy row(ResultSet rs, int rowNum) throws SQLException {
		return new GuardPolicy(rs.getObject("id", UUID.class), rs.getString("name"),
				PolicyKind.valueOf(rs.getString("kind")), rs.getBoolean("enabled"),
				this.json.readValue(rs.getString("environments"), new TypeReference<List<String>>() {
				}), this.json.readValue(rs.getString("operation_kinds"), new TypeReference<List<String>>() {
				}), this.json.readValue(rs.getString("config"), new TypeReference<Map<String, Object>>() {
				}), rs.getString("description"));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static TianshuException notFound(UUID id) {
		return TianshuException.notFound("guard.policy.not-found", "No guard policy " + id);
	}

	private static TianshuException nameTaken(String name) {
		return TianshuException.conflict("guard.policy.name-taken", "A policy named " + name + " exists",
				Map.of("name", name));
	}

	/** A policy as written by the API. */
	record PolicyDraft(String name, String kind, Boolean enabled, List<String> environments,
			List<String> operationKinds, Map<String, Object> config, String description) {
	}

}
