package io.tianshu.cmdb.ci;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.ChangeSource;
import io.tianshu.cmdb.CiChanged;
import io.tianshu.cmdb.CiDraft;
import io.tianshu.cmdb.CiHistoryEntry;
import io.tianshu.cmdb.CiHistoryEntry.FieldChange;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.CiSearch;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.ConfigurationItem;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.model.AttributeValues;
import io.tianshu.cmdb.model.ChangeContext;
import io.tianshu.cmdb.model.CiKeys;
import io.tianshu.cmdb.model.ModelCatalog;
import io.tianshu.cmdb.query.CiFilters;
import io.tianshu.cmdb.query.CiScopes;
import io.tianshu.cmdb.query.SqlBuffer;
import io.tianshu.cmdb.relation.RelationRegistry;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.PermissionScope;
import io.tianshu.platform.TianshuException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Configuration items in {@code cmdb.ci}: validated against their model, kept unique by
 * {@code cmdb.ci_key}, and every change appended to {@code cmdb.ci_history} as a field
 * diff from which {@link #asOf} rebuilds earlier states.
 */
@Service
public class CiRegistry implements ConfigurationItems {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, FieldChange>> DIFF = new TypeReference<>() {
	};

	private static final String COLUMNS = """
			id, model_code, name, state, owner_team_id, attributes::text AS attributes, version, created_at,
			updated_at""";

	private static final int NAME_MAX = 200;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ModelCatalog models;

	private final RelationRegistry relations;

	private final Authorization authorization;

	private final Audit audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final CiFilters filters;

	private final CiScopes scopes;

	CiRegistry(JdbcClient jdbc, JsonMapper json, ModelCatalog models, RelationRegistry relations,
			Authorization authorization, Audit audit, ApplicationEventPublisher events, Clock clock, CiFilters filters,
			CiScopes scopes) {
		this.jdbc = jdbc;
		this.json = json;
		this.models = models;
		this.relations = relations;
		this.authorization = authorization;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.filters = filters;
		this.scopes = scopes;
	}

	@Override
	@Transactional
	public ConfigurationItem create(CiDraft draft, ChangeSource source) {
		this.authorization.require(CmdbPermissions.CI_WRITE);
		List<FieldViolation> violations = new ArrayList<>();
		CiModel model = (draft.model() != null) ? this.models.find(draft.model().strip()).orElse(null) : null;
		if (model == null) {
			throw TianshuException.invalidField("model", "cmdb.ci.unknown-model",
					(draft.model() == null) ? "model is required" : "no model " + draft.model());
		}
		String name = name(draft.name(), violations);
		LifecycleState state = (draft.state() != null) ? draft.state() : LifecycleState.PLANNED;
		if (state == LifecycleState.RETIRED) {
			violations.add(new FieldViolation("state", "cmdb.ci.state-invalid", "a CI cannot be created retired"));
		}
		Map<String, Object> attributes = attributes(model, draft.attributes(), true, violations);
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The configuration item is invalid", violations);
		}
		this.scopes.requireCreatable(model.code(), attributes);
		Instant now = this.clock.instant();
		ConfigurationItem ci = new ConfigurationItem(CiId.random(), model.code(), name, state, draft.ownerTeamId(),
				attributes, 1, now, now);
		this.jdbc.sql("""
				INSERT INTO cmdb.ci (id, model_code, name, state, owner_team_id, attributes, version, created_at,
				  updated_at)
				VALUES (?, ?, ?, ?, ?, ?::jsonb, 1, ?, ?)""")
			.params(ci.id().value(), ci.model(), ci.name(), ci.state().name(), ci.ownerTeamId(),
					this.json.writeValueAsString(ci.attributes()), Timestamp.from(now), Timestamp.from(now))
			.update();
		writeKeys(model, ci);
		recorded(ci, CiChanged.Kind.CREATED, diff(null, ci), source, null);
		return ci;
	}

	@Override
	@Transactional(readOnly = true)
	public ConfigurationItem get(CiId id) {
		this.authorization.require(CmdbPermissions.CI_READ);
		ConfigurationItem ci = find(id, false);
		this.scopes.requireVisible(id);
		return ci;
	}

	@Override
	@Transactional(readOnly = true)
	public ConfigurationItem asOf(CiId id, Instant at) {
		this.authorization.require(CmdbPermissions.CI_READ);
		ConfigurationItem current = find(id, false);
		this.scopes.requireVisible(id);
		List<CiHistoryEntry> entries = historyOf(id, at);
		if (entries.isEmpty()) {
			throw TianshuException.notFound("cmdb.ci.not-yet",
					"CI " + id + " did not exist at " + at + " (created " + current.createdAt() + ")");
		}
		return CiTimeline.rebuild(current.id(), current.model(), entries);
	}

	@Override
	@Transactional
	public ConfigurationItem update(CiId id, CiDraft draft, ChangeSource source) {
		this.authorization.require(CmdbPermissions.CI_WRITE);
		ConfigurationItem before = find(id, true);
		this.scopes.requireChangeable(id, CmdbPermissions.CI_WRITE);
		requireLive(before);
		List<FieldViolation> violations = new ArrayList<>();
		if (draft.model() != null && !draft.model().strip().equals(before.model())) {
			violations.add(new FieldViolation("model", "cmdb.ci.model-immutable", "the model of a CI cannot change"));
		}
		if (draft.state() != null && draft.state() != before.state()) {
			violations.add(new FieldViolation("state", "cmdb.ci.state-separate",
					"change the state with POST /api/v1/cmdb/cis/{id}/state"));
		}
		CiModel model = this.models.find(before.model()).orElseThrow();
		String name = name(draft.name(), violations);
		Map<String, Object> attributes = attributes(model, draft.attributes(), false, violations);
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The configuration item is invalid", violations);
		}
		ConfigurationItem after = new ConfigurationItem(before.id(), before.model(), name, before.state(),
				draft.ownerTeamId(), attributes, before.version() + 1, before.createdAt(), this.clock.instant());
		Map<String, FieldChange> diff = diff(before, after);
		if (diff.isEmpty()) {
			return before;
		}
		this.jdbc.sql("""
				UPDATE cmdb.ci SET name = ?, owner_team_id = ?, attributes = ?::jsonb, version = ?, updated_at = ?
				WHERE id = ?""")
			.params(after.name(), after.ownerTeamId(), this.json.writeValueAsString(after.attributes()),
					after.version(), Timestamp.from(after.updatedAt()), id.value())
			.update();
		// a caller limited by scope may not move a CI out of it (e.g. to another
		// environment); the transaction rolls back
		PermissionScope scope = this.scopes.of(CmdbPermissions.CI_WRITE);
		if (!scope.everywhere() && !this.scopes.covers(id, scope)) {
			throw TianshuException.forbidden("cmdb.scope.denied", "This change would move CI " + id
					+ " out of the business systems and environments your roles allow you to change");
		}
		this.jdbc.sql("DELETE FROM cmdb.ci_key WHERE ci_id = ?").param(id.value()).update();
		writeKeys(model, after);
		recorded(after, CiChanged.Kind.UPDATED, diff, source, before);
		return after;
	}

	@Override
	@Transactional
	public ConfigurationItem changeState(CiId id, LifecycleState state, ChangeSource source) {
		this.authorization.require(CmdbPermissions.CI_WRITE);
		if (state == null) {
			throw TianshuException.invalidField("state", "cmdb.ci.required",
					"state is required (PLANNED, IN_USE, MAINTENANCE, RETIRED)");
		}
		if (state == LifecycleState.RETIRED) {
			return retire(id, source);
		}
		ConfigurationItem before = find(id, true);
		this.scopes.requireChangeable(id, CmdbPermissions.CI_WRITE);
		requireLive(before);
		return moved(before, state, source);
	}

	private ConfigurationItem moved(ConfigurationItem before, LifecycleState state, ChangeSource source) {
		if (!before.state().canMoveTo(state)) {
			throw TianshuException.conflict("cmdb.ci.state-transition",
					"A CI cannot move from " + before.state() + " to " + state + "; allowed: " + before.state().next(),
					Map.of("from", before.state().name(), "to", state.name()));
		}
		ConfigurationItem after = new ConfigurationItem(before.id(), before.model(), before.name(), state,
				before.ownerTeamId(), before.attributes(), before.version() + 1, before.createdAt(),
				this.clock.instant());
		this.jdbc.sql("UPDATE cmdb.ci SET state = ?, version = ?, updated_at = ? WHERE id = ?")
			.params(state.name(), after.version(), Timestamp.from(after.updatedAt()), before.id().value())
			.update();
		recorded(after, (state == LifecycleState.RETIRED) ? CiChanged.Kind.RETIRED : CiChanged.Kind.STATE_CHANGED,
				diff(before, after), source, before);
		return after;
	}

	@Override
	@Transactional
	public ConfigurationItem retire(CiId id, ChangeSource source) {
		this.authorization.require(CmdbPermissions.CI_WRITE);
		ConfigurationItem before = find(id, true);
		this.scopes.requireChangeable(id, CmdbPermissions.CI_WRITE);
		requireLive(before);
		return retire(before, source, new HashSet<>());
	}

	private ConfigurationItem retire(ConfigurationItem before, ChangeSource source, Set<CiId> visited) {
		visited.add(before.id());
		List<CiId> cascade = this.relations.retirementCascade(before.id());
		this.relations.detachAll(before.id(), source);
		this.jdbc.sql("DELETE FROM cmdb.ci_key WHERE ci_id = ?").param(before.id().value()).update();
		ConfigurationItem after = moved(before, LifecycleState.RETIRED, source);
		for (CiId target : cascade) {
			if (visited.contains(target)) {
				continue;
			}
			ConfigurationItem dependent = find(target, true);
			if (dependent.state() != LifecycleState.RETIRED) {
				retire(dependent, source, visited);
			}
		}
		return after;
	}

	@Override
	@Transactional(readOnly = true)
	public List<CiHistoryEntry> history(CiId id) {
		this.authorization.require(CmdbPermissions.CI_READ);
		find(id, false);
		this.scopes.requireVisible(id);
		return historyOf(id, null);
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Set<String> attributeValues(String model, String attribute) {
		this.authorization.require(CmdbPermissions.CI_READ);
		if (!this.authorization.scopes(CmdbPermissions.CI_READ).everywhere()) {
			throw TianshuException.forbidden("cmdb.scope.denied",
					"Attribute values across the CMDB need an unscoped cmdb.ci.read");
		}
		return new java.util.HashSet<>(this.jdbc.sql("""
				SELECT DISTINCT attributes ->> :attribute FROM cmdb.ci
				WHERE state <> 'RETIRED' AND (CAST(:model AS text) IS NULL OR model_code = :model)
				  AND attributes ->> :attribute IS NOT NULL
				""").param("attribute", attribute).param("model", model).query(String.class).list());
	}

	@Override
	@Transactional(readOnly = true)
	public CursorPage<ConfigurationItem> search(CiSearch search) {
		this.authorization.require(CmdbPermissions.CI_READ);
		SqlBuffer sql = new SqlBuffer("p");
		sql.append(
				"SELECT " + COLUMNS.replace("attributes::text", "c.attributes::text") + " FROM cmdb.ci c WHERE TRUE");
		CiModel model = null;
		if (search.model() != null) {
			model = this.models.find(search.model())
				.orElseThrow(() -> TianshuException.invalidField("model", "cmdb.ci.unknown-model",
						"no model " + search.model()));
			sql.append(" AND c.model_code = ").append(sql.bind(model.code()));
		}
		if (search.namePrefix() != null && !search.namePrefix().isEmpty()) {
			sql.append(" AND c.name LIKE ").append(sql.bind(likePrefix(search.namePrefix())));
		}
		List<FieldViolation> violations = new ArrayList<>();
		Map<String, Object> containment = new TreeMap<>();
		for (var entry : new TreeMap<>(search.equals()).entrySet()) {
			AttributeDefinition attribute = searchable(model, entry.getKey(), "a." + entry.getKey(), violations);
			if (model != null && attribute != null) {
				Object value = typedQueryValue(attribute, entry.getValue(), "a." + entry.getKey(), violations);
				if (value != null) {
					containment.put(attribute.code(), value);
				}
			}
			else if (model == null) {
				sql.append(" AND c.attributes ->> ").append(sql.bind(entry.getKey()));
				sql.append(" = ").append(sql.bind(entry.getValue()));
			}
		}
		if (!containment.isEmpty()) {
			// containment is what the GIN (jsonb_path_ops) index answers
			sql.append(" AND c.attributes @> CAST(")
				.append(sql.bind(this.json.writeValueAsString(containment)))
				.append(" AS jsonb)");
		}
		for (var entry : new TreeMap<>(search.prefixes()).entrySet()) {
			searchable(model, entry.getKey(), "a." + entry.getKey(), violations);
			sql.append(" AND c.attributes ->> ").append(sql.bind(entry.getKey()));
			sql.append(" LIKE ").append(sql.bind(likePrefix(entry.getValue())));
		}
		int limit = search.limit();
		if (limit < 1 || limit > 500) {
			violations.add(new FieldViolation("limit", "cmdb.search.limit-invalid", "limit must be 1–500"));
		}
		if (search.cursor() != null) {
			String[] position = cursor(search.cursor(), violations);
			if (position != null) {
				sql.append(" AND (c.name, c.id) > (")
					.append(sql.bind(position[0]))
					.append(", ")
					.append(sql.bind(UUID.fromString(position[1])))
					.append(")");
			}
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The search is invalid", violations);
		}
		PermissionScope scope = this.scopes.of(CmdbPermissions.CI_READ);
		boolean statedByFilter = (search.filter() != null)
				&& this.filters.append(search.filter(), "c", model, scope, sql);
		if (search.state() != null) {
			sql.append(" AND c.state = ").append(sql.bind(search.state().name()));
		}
		else if (!statedByFilter) {
			sql.append(" AND c.state <> 'RETIRED'");
		}
		this.scopes.restrict("c", scope, sql);
		sql.append(" ORDER BY c.name, c.id LIMIT ").append(sql.bind(limit + 1));
		// a plan for these values: after five runs of the same statement PostgreSQL may
		// keep a generic plan, which cannot tell environment=prod (a third of the hosts:
		// walk the name index) from one IP address (use the attribute index) and was
		// measured 100 times slower for the first (96 ms against 0.3 ms on 100,000 CIs)
		this.jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
		var statement = this.jdbc.sql(sql.sql());
		for (var param : sql.params().entrySet()) {
			statement = statement.param(param.getKey(), param.getValue());
		}
		List<ConfigurationItem> items = new ArrayList<>(statement.query(this::row).list());
		String next = null;
		if (items.size() > limit) {
			items = new ArrayList<>(items.subList(0, limit));
			ConfigurationItem last = items.get(limit - 1);
			next = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((last.name() + "\u0000" + last.id()).getBytes(StandardCharsets.UTF_8));
		}
		return new CursorPage<>(items, next);
	}

	private static String[] cursor(String cursor, List<FieldViolation> violations) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			int split = text.lastIndexOf('\u0000');
			String[] position = { text.substring(0, split), text.substring(split + 1) };
			UUID.fromString(position[1]);
			return position;
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			violations.add(new FieldViolation("cursor", "cmdb.search.cursor-invalid", "the cursor is not valid"));
			return null;
		}
	}

	private static AttributeDefinition searchable(CiModel model, String code, String field,
			List<FieldViolation> violations) {
		if (model == null) {
			return null;
		}
		AttributeDefinition attribute = model.attribute(code).orElse(null);
		if (attribute == null) {
			violations.add(new FieldViolation(field, "cmdb.ci.attribute.unknown",
					"model " + model.code() + " has no attribute " + code));
		}
		return attribute;
	}

	private static Object typedQueryValue(AttributeDefinition attribute, String text, String field,
			List<FieldViolation> violations) {
		Object value = switch (attribute.type()) {
			case INT -> parse(text, (s) -> Long.valueOf(s));
			case DECIMAL -> parse(text, (s) -> new java.math.BigDecimal(s));
			case BOOL -> ("true".equals(text) || "false".equals(text)) ? Boolean.valueOf(text) : null;
			case LIST, JSON -> null;
			default -> text;
		};
		if (value == null) {
			violations
				.add(new FieldViolation(field, "cmdb.search.value-invalid", "'" + text + "' cannot be compared with "
						+ attribute.type().name().toLowerCase() + " attribute " + attribute.code()));
			return null;
		}
		return AttributeValues.check(attribute.withRegex(null).withRange(null, null), value, field, violations);
	}

	private static Object parse(String text, java.util.function.Function<String, Object> parser) {
		try {
			return parser.apply(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String likePrefix(String prefix) {
		return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	private static String name(String given, List<FieldViolation> violations) {
		String name = (given != null) ? given.strip() : "";
		if (name.isEmpty() || name.length() > NAME_MAX) {
			violations.add(new FieldViolation("name", "cmdb.ci.name-invalid", "name must be 1–200 characters"));
		}
		return name;
	}

	/** The attributes in stored form; on create, defaults fill what is missing. */
	Map<String, Object> attributes(CiModel model, Map<String, Object> given, boolean create,
			List<FieldViolation> violations) {
		Map<String, Object> values = (given != null) ? given : Map.of();
		for (String code : new TreeMap<>(values).keySet()) {
			if (model.attribute(code).isEmpty()) {
				violations.add(new FieldViolation("attributes." + code, "cmdb.ci.attribute.unknown",
						"model " + model.code() + " has no attribute " + code));
			}
		}
		Map<String, Object> stored = new TreeMap<>();
		for (AttributeDefinition attribute : model.attributes()) {
			String field = "attributes." + attribute.code();
			Object value = values.get(attribute.code());
			if (value == null && create && attribute.defaultValue() != null) {
				value = attribute.defaultValue();
			}
			if (value == null) {
				if (attribute.required()) {
					violations.add(new FieldViolation(field, "cmdb.ci.attribute.required",
							attribute.code() + " (" + attribute.name() + ") is required"));
				}
				continue;
			}
			Object checked = AttributeValues.check(attribute, value, field, violations);
			if (checked != null && attribute.type() == AttributeType.REFERENCE) {
				checkReference(attribute, (String) checked, field, violations);
			}
			if (checked != null) {
				stored.put(attribute.code(), checked);
			}
		}
		return stored;
	}

	private void checkReference(AttributeDefinition attribute, String id, String field,
			List<FieldViolation> violations) {
		String model = this.jdbc.sql("SELECT model_code FROM cmdb.ci WHERE id = ? AND state <> 'RETIRED'")
			.param(UUID.fromString(id))
			.query(String.class)
			.optional()
			.orElse(null);
		if (model == null) {
			violations.add(new FieldViolation(field, "cmdb.ci.attribute.reference-not-found", "no live CI " + id));
		}
		else if (attribute.referenceModel() != null && !attribute.referenceModel().equals(model)) {
			violations.add(new FieldViolation(field, "cmdb.ci.attribute.reference-model",
					"CI " + id + " is a " + model + ", not a " + attribute.referenceModel()));
		}
	}

	/**
	 * Claims the CI's unique values and identities; the primary key of {@code ci_key}
	 * refuses a second live CI with the same key even under concurrent writes.
	 */
	private void writeKeys(CiModel model, ConfigurationItem ci) {
		for (var key : keys(model, ci.attributes()).entrySet()) {
			int inserted = this.jdbc.sql("""
					INSERT INTO cmdb.ci_key (model_code, key_name, key_value, ci_id) VALUES (?, ?, ?, ?)
					ON CONFLICT DO NOTHING""")
				.params(model.code(), key.getKey(), key.getValue(), ci.id().value())
				.update();
			if (inserted == 0) {
				UUID holder = this.jdbc
					.sql("SELECT ci_id FROM cmdb.ci_key WHERE model_code = ? AND key_name = ? AND key_value = ?")
					.params(model.code(), key.getKey(), key.getValue())
					.query(UUID.class)
					.single();
				boolean unique = key.getKey().startsWith("unique:");
				String what = key.getKey().substring(key.getKey().indexOf(':') + 1);
				throw TianshuException.conflict(unique ? "cmdb.ci.duplicate-value" : "cmdb.ci.duplicate-identity",
						unique ? "Another " + model.code() + " has the same " + what + " (" + holder + ")"
								: "Another " + model.code() + " has the same identity by rule " + what + " (" + holder
										+ ")",
						Map.of(unique ? "attribute" : "rule", what, "existingId", holder.toString()));
			}
		}
	}

	/**
	 * The {@code ci_key} rows a CI with these attributes claims: {@code unique:<code>}
	 * and {@code identity:<rule>} with the canonical value text. Public for the bulk
	 * import, which must claim exactly the keys a single write would.
	 */
	public static Map<String, String> keys(CiModel model, Map<String, Object> attributes) {
		return CiKeys.of(model, attributes);
	}

	private static void requireLive(ConfigurationItem ci) {
		if (ci.state() == LifecycleState.RETIRED) {
			throw TianshuException.conflict("cmdb.ci.retired", "CI " + ci.id() + " is retired and cannot change",
					Map.of("id", ci.id().toString()));
		}
	}

	Map<String, FieldChange> diff(ConfigurationItem before, ConfigurationItem after) {
		Map<String, FieldChange> diff = new LinkedHashMap<>();
		put(diff, "name", (before != null) ? before.name() : null, after.name());
		put(diff, "state", (before != null) ? before.state().name() : null, after.state().name());
		put(diff, "ownerTeamId",
				(before != null && before.ownerTeamId() != null) ? before.ownerTeamId().toString() : null,
				(after.ownerTeamId() != null) ? after.ownerTeamId().toString() : null);
		Map<String, Object> old = (before != null) ? normalised(before.attributes()) : Map.of();
		Map<String, Object> now = normalised(after.attributes());
		Set<String> codes = new java.util.TreeSet<>(old.keySet());
		codes.addAll(now.keySet());
		for (String code : codes) {
			put(diff, "attributes." + code, old.get(code), now.get(code));
		}
		return diff;
	}

	/** Values as they read back from JSON, so 8 (Long) and 8 (Integer) compare equal. */
	private Map<String, Object> normalised(Map<String, Object> attributes) {
		return this.json.readValue(this.json.writeValueAsString(attributes), MAP);
	}

	private static void put(Map<String, FieldChange> diff, String field, Object from, Object to) {
		if (!Objects.equals(from, to)) {
			diff.put(field, new FieldChange(from, to));
		}
	}

	private void recorded(ConfigurationItem ci, CiChanged.Kind kind, Map<String, FieldChange> diff, ChangeSource source,
			ConfigurationItem before) {
		this.jdbc.sql("""
				INSERT INTO cmdb.ci_history (ci_id, version, change, diff, actor, source, request_id, changed_at)
				VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?)""")
			.params(ci.id().value(), ci.version(), kind.name(), this.json.writeValueAsString(diff),
					ChangeContext.actor(this.authorization), source.name(), ChangeContext.requestId(),
					Timestamp.from(ci.updatedAt()))
			.update();
		String action = switch (kind) {
			case CREATED -> "cmdb.ci.created";
			case UPDATED -> "cmdb.ci.updated";
			case STATE_CHANGED -> "cmdb.ci.state-changed";
			case RETIRED -> "cmdb.ci.retired";
			case VERIFIED -> "cmdb.ci.verified";
		};
		this.audit.record(AuditEntry.success(action, "cmdb-ci", ci.id().toString())
			.withChange(before, ci)
			.withDetail(ci.model() + " " + ci.name() + " via " + source));
		this.events.publishEvent(new CiChanged(ci.id(), ci.model(), kind, ci.version(), source, ci.updatedAt()));
	}

	private List<CiHistoryEntry> historyOf(CiId id, Instant until) {
		return this.jdbc.sql("""
				SELECT version, change, diff::text AS diff, actor, source, request_id, changed_at
				FROM cmdb.ci_history WHERE ci_id = ? AND changed_at <= ? ORDER BY version""")
			.params(id.value(), Timestamp.from((until != null) ? until : Instant.parse("9999-12-31T00:00:00Z")))
			.query((rs, n) -> new CiHistoryEntry(rs.getInt("version"), CiChanged.Kind.valueOf(rs.getString("change")),
					this.json.readValue(rs.getString("diff"), DIFF), rs.getString("actor"),
					ChangeSource.valueOf(rs.getString("source")), rs.getString("request_id"),
					rs.getTimestamp("changed_at").toInstant()))
			.list();
	}

	private ConfigurationItem find(CiId id, boolean lock) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM cmdb.ci WHERE id = ?" + (lock ? " FOR UPDATE" : ""))
			.param(id.value())
			.query(this::row)
			.optional()
			.orElseThrow(() -> TianshuException.notFound("cmdb.ci.not-found", "No configuration item " + id));
	}

	private ConfigurationItem row(ResultSet rs, int n) throws SQLException {
		return new ConfigurationItem(new CiId(rs.getObject("id", UUID.class)), rs.getString("model_code"),
				rs.getString("name"), LifecycleState.valueOf(rs.getString("state")),
				rs.getObject("owner_team_id", UUID.class), this.json.readValue(rs.getString("attributes"), MAP),
				rs.getInt("version"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

}
