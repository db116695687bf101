package io.tianshu.cmdb.query;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.PermissionScope;
import io.tianshu.platform.TianshuException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Scope enforcement (数据权限): which CIs a caller whose role assignments are limited to
 * business systems or environments may see and change.
 * <ul>
 * <li>A CI belongs to the business systems it is reached from along ownership relations:
 * business_system contains application, application contains service, application
 * depends_on db_instance or middleware_instance, application / db_instance /
 * middleware_instance runs_on host, host contains os. A business system is named by its
 * {@code system_code} or its name. Shared infrastructure (racks, network devices,
 * subnets, data centres) belongs to none.</li>
 * <li>A CI is in the environments of its {@code environment} attribute and of the
 * environment CIs it is {@code deployed_in} (named by {@code env_code} or name); an
 * environment CI is in its own.</li>
 * <li>An area (business system B, environment E) of the caller's scope covers a CI when B
 * is unset or the CI belongs to B, and E is unset or the CI is in E; a CI with no
 * environment at all (business system, service, os) is covered by an area naming its
 * business system whatever the area's environment.</li>
 * </ul>
 * So a CI of no business system is visible only to callers not limited to a business
 * system. Out-of-scope CIs read as not found (404); changing an in-scope CI without scope
 * for the write permission is 403 {@code cmdb.scope.denied}.
 */
@Service
public class CiScopes {

	/** (source model, relation type, target model) steps that carry ownership. */
	static final String OWNERSHIP = """
			VALUES ('business_system', 'contains', 'application'), ('application', 'contains', 'service'),
			  ('application', 'depends_on', 'db_instance'), ('application', 'depends_on', 'middleware_instance'),
			  ('application', 'runs_on', 'host'), ('db_instance', 'runs_on', 'host'),
			  ('middleware_instance', 'runs_on', 'host'), ('host', 'contains', 'os')""";

	private final JdbcClient jdbc;

	private final Authorization authorization;

	private final JsonMapper json;

	CiScopes(JdbcClient jdbc, Authorization authorization, JsonMapper json) {
		this.jdbc = jdbc;
		this.authorization = authorization;
		this.json = json;
	}

	/** The caller's scope for the permission. */
	public PermissionScope of(String permission) {
		return this.authorization.scopes(permission);
	}

	/**
	 * Appends {@code AND (...)} limiting rows of {@code alias} to the scope; nothing when
	 * the scope is everywhere.
	 */
	public void restrict(String alias, PermissionScope scope, SqlBuffer sql) {
		if (scope.everywhere()) {
			return;
		}
		if (scope.areas().isEmpty()) {
			sql.append(" AND FALSE");
			return;
		}
		sql.append(" AND (");
		boolean first = true;
		for (PermissionScope.Area area : scope.areas()
			.stream()
			.sorted(java.util.Comparator.comparing(PermissionScope.Area::toString))
			.toList()) {
			if (!first) {
				sql.append(" OR ");
			}
			first = false;
			sql.append("(TRUE");
			if (area.businessSystem() != null) {
				sql.append(" AND ")
					.append(alias)
					.append(".id IN (WITH RECURSIVE owned(id, model_code) AS (SELECT b.id, b.model_code FROM cmdb.ci b")
					.append(" WHERE b.model_code = 'business_system' AND (b.name = ")
					.append(sql.bind(area.businessSystem()))
					.append(" OR b.attributes @> CAST(")
					.append(sql.bind(json(Map.of("system_code", area.businessSystem()))))
					.append(" AS jsonb)) UNION SELECT t.id, t.model_code FROM owned o")
					.append(" JOIN cmdb.relation r ON r.source_id = o.id JOIN cmdb.ci t ON t.id = r.target_id")
					.append(" WHERE (o.model_code, r.type_code, t.model_code) IN (")
					.append(OWNERSHIP)
					.append(")) SELECT id FROM owned)");
			}
			if (area.environment() != null) {
				String env = sql.bind(json(Map.of("environment", area.environment())));
				String code = sql.bind(json(Map.of("env_code", area.environment())));
				String name = sql.bind(area.environment());
				sql.append(" AND (")
					.append(alias)
					.append(".attributes @> CAST(")
					.append(env)
					.append(" AS jsonb) OR (")
					.append(alias)
					.append(".model_code = 'environment' AND (")
					.append(alias)
					.append(".attributes @> CAST(")
					.append(code)
					.append(" AS jsonb) OR ")
					.append(alias)
					.append(".name = ")
					.append(name)
					.append(")) OR EXISTS (SELECT 1 FROM cmdb.relation d JOIN cmdb.ci e ON e.id = d.target_id")
					.append(" WHERE d.source_id = ")
					.append(alias)
					.append(".id AND d.type_code = 'deployed_in' AND (e.attributes @> CAST(")
					.append(code)
					.append(" AS jsonb) OR e.name = ")
					.append(name)
					.append("))");
				if (area.businessSystem() != null) {
					// no environment at all: the business system part decides
					sql.append(" OR (")
						.append(alias)
						.append(".attributes -> 'environment' IS NULL AND ")
						.append(alias)
						.append(".model_code <> 'environment' AND NOT EXISTS (SELECT 1 FROM cmdb.relation d")
						.append(" WHERE d.source_id = ")
						.append(alias)
						.append(".id AND d.type_code = 'deployed_in'))");
				}
				sql.append(")");
			}
			sql.append(")");
		}
		sql.append(")");
	}

	/** How many ids one coverage query asks about. */
	private static final int CHUNK = 10_000;

	/**
	 * The ids among {@code ids} that the scope covers. Any number of ids: they are asked
	 * about in chunks, each bound as one array parameter.
	 */
	public Set<UUID> covered(Collection<UUID> ids, PermissionScope scope) {
		if (scope.everywhere() || ids.isEmpty()) {
			return new HashSet<>(ids);
		}
		return inChunks(List.copyOf(new HashSet<>(ids)), scope, (chunk, sql) -> {
			// a PostgreSQL array literal: one bind parameter however many ids
			String array = chunk.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
			sql.append("SELECT c.id FROM cmdb.ci c WHERE c.id = ANY (CAST(")
				.append(sql.bind(array))
				.append(" AS uuid[]))");
		});
	}

	/** A CI as a change would leave it: its name and attributes (relations unchanged). */
	public record Changed(UUID id, String name, Map<String, Object> attributes) {
	}

	/**
	 * The ids among {@code changes} that the scope would cover once the changes are
	 * written (an import's update that moves a CI to another environment leaves the
	 * scope), judged by the same conditions as {@link #covered} with the new name and
	 * attributes in place of the stored ones.
	 */
	public Set<UUID> coveredAfter(Collection<Changed> changes, PermissionScope scope) {
		if (scope.everywhere() || changes.isEmpty()) {
			return changes.stream().map(Changed::id).collect(Collectors.toSet());
		}
		return inChunks(List.copyOf(changes), scope, (chunk, sql) -> sql.append(
				"SELECT c.id FROM (SELECT x.id, x.model_code, u.name, u.attributes FROM cmdb.ci x JOIN unnest(CAST(")
			.append(sql.bind(chunk.stream().map(Changed::id).toArray(UUID[]::new)))
			.append(" AS uuid[]), CAST(")
			.append(sql.bind(chunk.stream().map(Changed::name).toArray(String[]::new)))
			.append(" AS text[]), CAST(CAST(")
			.append(sql.bind(chunk.stream().map((c) -> json(c.attributes())).toArray(String[]::new)))
			.append(" AS text[]) AS jsonb[])) AS u(id, name, attributes) ON u.id = x.id) c WHERE TRUE"));
	}

	/**
	 * Runs one coverage query per {@value #CHUNK} items: {@code select} writes the query
	 * of CI ids as {@code c} up to its WHERE clause, the scope's conditions are appended.
	 */
	private <T> Set<UUID> inChunks(List<T> items, PermissionScope scope, BiConsumer<List<T>, SqlBuffer> select) {
		Set<UUID> covered = new HashSet<>();
		for (int from = 0; from < items.size(); from += CHUNK) {
			SqlBuffer sql = new SqlBuffer("s");
			select.accept(items.subList(from, Math.min(items.size(), from + CHUNK)), sql);
			restrict("c", scope, sql);
			var statement = this.jdbc.sql(sql.sql());
			for (var param : sql.params().entrySet()) {
				statement = statement.param(param.getKey(), param.getValue());
			}
			covered.addAll(statement.query(UUID.class).list());
		}
		return covered;
	}

	public boolean covers(CiId id, PermissionScope scope) {
		return covered(List.of(id.value()), scope).contains(id.value());
	}

	/**
	 * Returns when the caller may see the CI; 404 {@code cmdb.ci.not-found} otherwise, as
	 * if it did not exist.
	 */
	public void requireVisible(CiId id) {
		PermissionScope scope = of(CmdbPermissions.CI_READ);
		if (!scope.everywhere() && !covers(id, scope)) {
			throw TianshuException.notFound("cmdb.ci.not-found", "No configuration item " + id);
		}
	}

	/**
	 * Returns when the caller may change the CI with the permission: 404 when it cannot
	 * even see it, 403 {@code cmdb.scope.denied} when it sees but may not change it.
	 */
	public void requireChangeable(CiId id, String permission) {
		PermissionScope scope = of(permission);
		if (scope.everywhere()) {
			return;
		}
		requireVisible(id);
		if (!covers(id, scope)) {
			throw denied(id.toString());
		}
	}

	/**
	 * Returns when the caller may create a CI of the model with the attributes. A new CI
	 * has no relations yet, so it belongs to no business system: only an area without a
	 * business system covers it, when its environment matches the CI's.
	 */
	public void requireCreatable(String model, Map<String, Object> attributes) {
		PermissionScope scope = of(CmdbPermissions.CI_WRITE);
		if (!creatable(model, attributes, scope)) {
			throw TianshuException.forbidden("cmdb.scope.denied",
					"Your roles are limited to " + scope.areas()
							+ "; a new CI belongs to no business system until it is related, so only a role limited to"
							+ " an environment alone can create one, in that environment");
		}
	}

	/**
	 * Whether the scope covers a new CI of the model with the attributes: everywhere, or
	 * an area without a business system whose environment is the CI's {@code environment}
	 * attribute (for an environment CI also its {@code env_code}). A new CI has no
	 * relations, so it belongs to no business system.
	 */
	public static boolean creatable(String model, Map<String, Object> attributes, PermissionScope scope) {
		if (scope.everywhere()) {
			return true;
		}
		Object environment = (attributes != null) ? attributes.get("environment") : null;
		Object code = (attributes != null && "environment".equals(model)) ? attributes.get("env_code") : null;
		for (PermissionScope.Area area : scope.areas()) {
			if (area.businessSystem() == null
					&& (area.environment().equals(environment) || area.environment().equals(code))) {
				return true;
			}
		}
		return false;
	}

	private static TianshuException denied(String id) {
		return new TianshuException(io.tianshu.platform.ProblemKind.FORBIDDEN, "cmdb.scope.denied",
				"CI " + id + " is outside the business systems and environments your roles allow you to change",
				Map.of("id", id), null);
	}

	private String json(Map<String, Object> value) {
		return this.json.writeValueAsString(value);
	}

}
