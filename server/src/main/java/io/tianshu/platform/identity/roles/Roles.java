package io.tianshu.platform.identity.roles;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.identity.RoleScope;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Roles (permission sets), role assignments with their optional scope, and mutually
 * exclusive role pairs. Reading needs {@code platform.role.read}, changing
 * {@code platform.role.write}; every change is audited in its transaction. The
 * permissions of a user are read from the database on every request
 * ({@link #permissionsOf}), so a revoked role takes effect at the caller's next request
 * on every node.
 */
@Service
public class Roles {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,63}");

	private final JdbcClient jdbc;

	private final PermissionCatalog catalog;

	private final Audit audit;

	private final Authorization authorization;

	private final Clock clock;

	Roles(JdbcClient jdbc, PermissionCatalog catalog, Audit audit, Authorization authorization, Clock clock) {
		this.jdbc = jdbc;
		this.catalog = catalog;
		this.audit = audit;
		this.authorization = authorization;
		this.clock = clock;
	}

	/**
	 * The permissions an enabled user holds through any of their roles (whatever the
	 * scope); empty for a disabled or unknown user. No permission check: the security
	 * layer calls it to build the caller.
	 */
	public Set<String> permissionsOf(UUID userId) {
		Set<String> permissions = new TreeSet<>();
		this.jdbc.sql("""
				SELECT DISTINCT unnest(r.permissions)
				FROM platform.role_assignment a
				  JOIN platform.role r ON r.id = a.role_id
				  JOIN platform.users u ON u.id = a.user_id
				WHERE a.user_id = ? AND u.enabled""").param(userId).query((rs) -> {
			permissions.add(rs.getString(1));
		});
		return permissions;
	}

	/**
	 * The scopes within which the user holds the permission; a {@code null} element means
	 * "everywhere" (an assignment without scope).
	 */
	public List<RoleScope> scopesOf(UUID userId, String permission) {
		return this.jdbc.sql("""
				SELECT DISTINCT a.business_system, a.environment
				FROM platform.role_assignment a JOIN platform.role r ON r.id = a.role_id
				WHERE a.user_id = ? AND ? = ANY(r.permissions)""")
			.params(userId, permission)
			.query((rs, row) -> RoleScope.of(rs.getString(1), rs.getString(2)))
			.list();
	}

	/** Whether any role of the user requires a second factor. */
	public boolean totpRequiredFor(UUID userId) {
		return this.jdbc.sql("""
				SELECT count(*) FROM platform.role_assignment a JOIN platform.role r ON r.id = a.role_id
				WHERE a.user_id = ? AND r.requires_totp""").param(userId).query(Long.class).single() > 0;
	}

	public List<RoleView> list() {
		this.authorization.require(PlatformPermissions.ROLE_READ);
		return this.jdbc.sql("SELECT * FROM platform.role ORDER BY built_in DESC, lower(name)")
			.query(Roles::role)
			.list();
	}

	public Optional<RoleView> byName(String name) {
		return this.jdbc.sql("SELECT * FROM platform.role WHERE lower(name) = lower(?)")
			.param(name)
			.query(Roles::role)
			.optional();
	}

	/**
	 * Creates a role; 422 on an invalid name or unknown permissions, 409
	 * {@code role.name-taken}.
	 */
	@Transactional
	public RoleView create(String name, String description, Collection<String> permissions, boolean requiresTotp) {
		this.authorization.require(PlatformPermissions.ROLE_WRITE);
		List<String> perms = validate(name, permissions);
		UUID id = UUID.randomUUID();
		try {
			this.jdbc.sql("""
					INSERT INTO platform.role (id, name, description, built_in, requires_totp, permissions, created_at)
					VALUES (?, ?, ?, FALSE, ?, ?, ?)""")
				.params(id, name.strip(), description, requiresTotp, perms.toArray(String[]::new), now())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw nameTaken(name);
		}
		RoleView created = find(id);
		this.audit.record(AuditEntry.success("platform.role.created", "role", id.toString()).withChange(null, created));
		return created;
	}

	/**
	 * Changes a role. A built-in role keeps its name and permissions (409
	 * {@code role.built-in} when they differ); its description and whether it requires
	 * TOTP may change.
	 */
	@Transactional
	public RoleView update(UUID id, String name, String description, Collection<String> permissions,
			boolean requiresTotp) {
		this.authorization.require(PlatformPermissions.ROLE_WRITE);
		RoleView before = find(id);
		List<String> perms = validate(name, permissions);
		if (before.builtIn() && (!before.name().equals(name.strip()) || !before.permissions().equals(perms))) {
			throw TianshuException.conflict("role.built-in",
					"The name and permissions of the built-in role " + before.name() + " cannot change",
					Map.of("role", before.name()));
		}
		try {
			this.jdbc.sql("""
					UPDATE platform.role SET name = ?, description = ?, permissions = ?, requires_totp = ?
					WHERE id = ?""")
				.params(name.strip(), description, perms.toArray(String[]::new), requiresTotp, id)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw nameTaken(name);
		}
		RoleView after = find(id);
		this.audit.record(AuditEntry.success("platform.role.updated", "role", id.toString()).withChange(before, after));
		return after;
	}

	/**
	 * Deletes a role and its assignments; 409 {@code role.built-in} for a built-in role.
	 */
	@Transactional
	public void delete(UUID id) {
		this.authorization.require(PlatformPermissions.ROLE_WRITE);
		RoleView role = find(id);
		if (role.builtIn()) {
			throw TianshuException.conflict("role.built-in", "The built-in role " + role.name() + " cannot be deleted",
					Map.of("role", role.name()));
		}
		this.jdbc.sql("DELETE FROM platform.role WHERE id = ?").param(id).update();
		this.audit.record(AuditEntry.success("platform.role.deleted", "role", id.toString()).withChange(role, null));
	}

	public List<RoleAssignmentView> assignments(UUID userId) {
		this.authorization.require(PlatformPermissions.ROLE_READ);
		return this.jdbc.sql("""
				SELECT a.id, a.user_id, u.username, a.role_id, r.name, a.business_system, a.environment, a.created_at
				FROM platform.role_assignment a
				  JOIN platform.role r ON r.id = a.role_id
				  JOIN platform.users u ON u.id = a.user_id
				WHERE CAST(:user AS UUID) IS NULL OR a.user_id = :user
				ORDER BY lower(u.username), lower(r.name)""").param("user", userId).query(Roles::assignment).list();
	}

	/**
	 * Gives a user a role, optionally within a scope. 409 {@code role.self-assignment}
	 * when callers would grant themselves a role, 409 {@code role.mutually-exclusive}
	 * (params {@code role}, {@code conflictingRole}) when the user holds a role excluded
	 * with it, 409 {@code role.assignment-exists} for a duplicate.
	 */
	@Transactional
	public RoleAssignmentView assign(UUID userId, UUID roleId, RoleScope scope) {
		this.authorization.require(PlatformPermissions.ROLE_WRITE);
		if (userId == null || roleId == null) {
			List<FieldViolation> violations = new ArrayList<>();
			if (userId == null) {
				violations.add(new FieldViolation("userId", "field.required", "Required"));
			}
			if (roleId == null) {
				violations.add(new FieldViolation("roleId", "field.required", "Required"));
			}
			throw TianshuException.invalid("The assignment is invalid", violations);
		}
		if (userId.equals(this.authorization.currentActor().userId())) {
			throw TianshuException.conflict("role.self-assignment", "Nobody can grant a role to themselves");
		}
		RoleView role = find(roleId);
		// the row lock serialises concurrent assignments to one user, so that two
		// exclusive roles cannot slip in side by side
		boolean userExists = !this.jdbc.sql("SELECT id FROM platform.users WHERE id = ? FOR UPDATE")
			.param(userId)
			.query(UUID.class)
			.list()
			.isEmpty();
		if (!userExists) {
			throw TianshuException.notFound("user.not-found", "No such user");
		}
		this.jdbc.sql("""
				SELECT r.name FROM platform.role_exclusion e
				  JOIN platform.role r ON r.id = CASE WHEN e.role_a = :role THEN e.role_b ELSE e.role_a END
				WHERE (e.role_a = :role OR e.role_b = :role)
				  AND EXISTS (SELECT 1 FROM platform.role_assignment a WHERE a.user_id = :user AND a.role_id = r.id)
				ORDER BY r.name LIMIT 1""")
			.param("role", roleId)
			.param("user", userId)
			.query(String.class)
			.optional()
			.ifPresent((conflicting) -> {
				throw TianshuException.conflict("role.mutually-exclusive",
						"The role " + role.name() + " cannot be held together with " + conflicting,
						Map.of("role", role.name(), "conflictingRole", conflicting));
			});
		UUID id = UUID.randomUUID();
		try {
			this.jdbc.sql("""
					INSERT INTO platform.role_assignment (id, user_id, role_id, business_system, environment,
					  created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)""")
				.params(id, userId, roleId, (scope != null) ? scope.businessSystem() : null,
						(scope != null) ? scope.environment() : null, now(), this.authorization.currentActor().name())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw TianshuException.conflict("role.assignment-exists", "The user already holds this role here");
		}
		RoleAssignmentView created = assignment(id);
		this.audit.record(AuditEntry.success("platform.role-assignment.created", "user", userId.toString())
			.withChange(null, created));
		return created;
	}

	/** Takes a role away; it takes effect at the user's next request. */
	@Transactional
	public void unassign(UUID assignmentId) {
		this.authorization.require(PlatformPermissions.ROLE_WRITE);
		RoleAssignmentView existing = assignment(assignmentId);
		this.jdbc.sql("DELETE FROM platform.role_assignment WHERE id = ?").param(assignmentId).update();
		this.audit.record(AuditEntry.success("platform.role-assignment.deleted", "user", existing.userId().toString())
			.withChange(existing, null));
	}

	public List<RoleExclusionView> exclusions() {
		this.authorization.require(PlatformPermissions.ROLE_READ);
		return this.jdbc.sql(EXCLUSIONS + " ORDER BY ra.name, rb.name").query(Roles::exclusion).list();
	}

	/**
	 * Declares two roles mutually exclusive; 409 {@code role.exclusion-exists} when they
	 * already are, 422 when both are the same role.
	 */
	@Transactional
	public RoleExclusionView exclude(UUID roleAId, UUID roleBId, String reason) {
		this.authorization.require(PlatformPermissions.ROLE_WRITE);
		if (roleAId == null || roleBId == null || roleAId.equals(roleBId)) {
			throw TianshuException.invalidField("roleBId", "role.exclusion-invalid",
					"Two different roles are required");
		}
		find(roleAId);
		find(roleBId);
		UUID id = insertExclusion(roleAId, roleBId, reason, false);
		RoleExclusionView created = exclusion(id);
		this.audit.record(AuditEntry.success("platform.role-exclusion.created", "role-exclusion", id.toString())
			.withChange(null, created));
		return created;
	}

	/** Removes an exclusion; 409 {@code role.exclusion-built-in} for a built-in one. */
	@Transactional
	public void deleteExclusion(UUID id) {
		this.authorization.require(PlatformPermissions.ROLE_WRITE);
		RoleExclusionView existing = exclusion(id);
		boolean builtIn = this.jdbc.sql("SELECT built_in FROM platform.role_exclusion WHERE id = ?")
			.param(id)
			.query(Boolean.class)
			.single();
		if (builtIn) {
			throw TianshuException.conflict("role.exclusion-built-in", "A built-in exclusion cannot be removed");
		}
		this.jdbc.sql("DELETE FROM platform.role_exclusion WHERE id = ?").param(id).update();
		this.audit.record(AuditEntry.success("platform.role-exclusion.deleted", "role-exclusion", id.toString())
			.withChange(existing, null));
	}

	/**
	 * Creates or updates the built-in roles and exclusions; runs at every start, as the
	 * system.
	 */
	@Transactional
	public void synchroniseBuiltIns() {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('platform.role'))").query(Object.class).list();
		Map<BuiltInRole, UUID> ids = new LinkedHashMap<>();
		for (BuiltInRole builtIn : BuiltInRole.values()) {
			String[] perms = builtIn.permissionsFrom(this.catalog.names()).toArray(String[]::new);
			Optional<RoleView> existing = byName(builtIn.roleName());
			if (existing.isPresent()) {
				RoleView role = existing.get();
				ids.put(builtIn, role.id());
				if (!role.builtIn() || !Arrays.asList(perms).equals(role.permissions())) {
					this.jdbc.sql("UPDATE platform.role SET built_in = TRUE, permissions = ? WHERE id = ?")
						.params(perms, role.id())
						.update();
					this.audit.record(AuditEntry.success("platform.role.updated", "role", role.id().toString())
						.withChange(role, find(role.id()))
						.withDetail("built-in role synchronised with the known permissions"));
				}
			}
			else {
				UUID id = UUID.randomUUID();
				this.jdbc
					.sql("""
							INSERT INTO platform.role (id, name, description, built_in, requires_totp, permissions, created_at)
							VALUES (?, ?, ?, TRUE, FALSE, ?, ?)""")
					.params(id, builtIn.roleName(), builtIn.description(), perms, now())
					.update();
				ids.put(builtIn, id);
				this.audit.record(
						AuditEntry.success("platform.role.created", "role", id.toString()).withChange(null, find(id)));
			}
		}
		ensureBuiltInExclusion(ids.get(BuiltInRole.AUDITOR), ids.get(BuiltInRole.OPERATOR),
				"职责分离: auditors do not operate what they audit");
		ensureBuiltInExclusion(ids.get(BuiltInRole.AUDITOR), ids.get(BuiltInRole.ADMINISTRATOR),
				"职责分离: auditors do not administer what they audit");
	}

	private void ensureBuiltInExclusion(UUID a, UUID b, String reason) {
		long existing = this.jdbc.sql("""
				SELECT count(*) FROM platform.role_exclusion
				WHERE (role_a = ? AND role_b = ?) OR (role_a = ? AND role_b = ?)""")
			.params(a, b, b, a)
			.query(Long.class)
			.single();
		if (existing == 0) {
			UUID id = insertExclusion(a, b, reason, true);
			this.audit.record(AuditEntry.success("platform.role-exclusion.created", "role-exclusion", id.toString())
				.withChange(null, exclusion(id)));
		}
	}

	private UUID insertExclusion(UUID a, UUID b, String reason, boolean builtIn) {
		UUID id = UUID.randomUUID();
		try {
			this.jdbc.sql("""
					INSERT INTO platform.role_exclusion (id, role_a, role_b, reason, built_in, created_at)
					VALUES (?, ?, ?, ?, ?, ?)""").params(id, a, b, reason, builtIn, now()).update();
		}
		catch (DuplicateKeyException ex) {
			throw TianshuException.conflict("role.exclusion-exists", "The roles are already mutually exclusive");
		}
		return id;
	}

	private List<String> validate(String name, Collection<String> permissions) {
		List<FieldViolation> violations = new ArrayList<>();
		if (name == null || !NAME.matcher(name.strip()).matches()) {
			violations.add(new FieldViolation("name", "role.name-invalid",
					"1–64 letters, digits, spaces or . _ -, starting with a letter or digit"));
		}
		Set<String> perms = new TreeSet<>();
		if (permissions != null) {
			int i = 0;
			for (String permission : new LinkedHashSet<>(permissions)) {
				if (!this.catalog.contains(permission)) {
					violations.add(new FieldViolation("permissions[" + i + "]", "role.permission-unknown",
							"Unknown permission " + permission));
				}
				perms.add(permission);
				i++;
			}
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The role is invalid", violations);
		}
		return List.copyOf(perms);
	}

	private static TianshuException nameTaken(String name) {
		return TianshuException.conflict("role.name-taken", "A role named " + name + " exists", Map.of("name", name));
	}

	RoleView find(UUID id) {
		return this.jdbc.sql("SELECT * FROM platform.role WHERE id = ?")
			.param(id)
			.query(Roles::role)
			.optional()
			.orElseThrow(() -> TianshuException.notFound("role.not-found", "No such role"));
	}

	private RoleAssignmentView assignment(UUID id) {
		return this.jdbc.sql("""
				SELECT a.id, a.user_id, u.username, a.role_id, r.name, a.business_system, a.environment, a.created_at
				FROM platform.role_assignment a
				  JOIN platform.role r ON r.id = a.role_id
				  JOIN platform.users u ON u.id = a.user_id
				WHERE a.id = ?""")
			.param(id)
			.query(Roles::assignment)
			.optional()
			.orElseThrow(() -> TianshuException.notFound("role.assignment-not-found", "No such role assignment"));
	}

	private static final String EXCLUSIONS = """
			SELECT e.id, e.reason, ra.id AS a_id, ra.name AS a_name, rb.id AS b_id, rb.name AS b_name
			FROM platform.role_exclusion e
			  JOIN platform.role ra ON ra.id = e.role_a
			  JOIN platform.role rb ON rb.id = e.role_b""";

	private RoleExclusionView exclusion(UUID id) {
		return this.jdbc.sql(EXCLUSIONS + " WHERE e.id = ?")
			.param(id)
			.query(Roles::exclusion)
			.optional()
			.orElseThrow(() -> TianshuException.notFound("role.exclusion-not-found", "No such exclusion"));
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	static RoleView role(ResultSet rs, int row) throws SQLException {
		return new RoleView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getBoolean("built_in"),
				rs.getString("description"), strings(rs.getArray("permissions")), rs.getBoolean("requires_totp"));
	}

	private static RoleAssignmentView assignment(ResultSet rs, int row) throws SQLException {
		return new RoleAssignmentView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
				rs.getObject(4, UUID.class), rs.getString(5), RoleScope.of(rs.getString(6), rs.getString(7)),
				rs.getTimestamp(8).toInstant());
	}

	private static RoleExclusionView exclusion(ResultSet rs, int row) throws SQLException {
		return new RoleExclusionView(rs.getObject("id", UUID.class),
				new RoleExclusionView.RoleRef(rs.getObject("a_id", UUID.class), rs.getString("a_name")),
				new RoleExclusionView.RoleRef(rs.getObject("b_id", UUID.class), rs.getString("b_name")),
				rs.getString("reason"));
	}

	static List<String> strings(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return List.of((String[]) array.getArray());
	}

}
