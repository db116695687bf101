package io.tianshu.platform.identity.org;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.TianshuException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Departments (部门, a tree through {@code parentId}) and teams (团队, in one department,
 * with members). Reading needs {@code platform.org.read}, changing
 * {@code platform.org.write}; every change is audited in its transaction.
 */
@Service
public class Organisation {

	private final JdbcClient jdbc;

	private final Audit audit;

	private final Authorization authorization;

	private final Clock clock;

	Organisation(JdbcClient jdbc, Audit audit, Authorization authorization, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.authorization = authorization;
		this.clock = clock;
	}

	public List<Department> departments() {
		this.authorization.require(PlatformPermissions.ORG_READ);
		return this.jdbc.sql("SELECT id, name, parent_id, description FROM platform.department ORDER BY lower(name)")
			.query(Department.class)
			.list();
	}

	@Transactional
	public Department createDepartment(String name, UUID parentId, String description) {
		this.authorization.require(PlatformPermissions.ORG_WRITE);
		validateName(name);
		if (parentId != null) {
			department(parentId, "parentId");
		}
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO platform.department (id, name, parent_id, description, created_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(id, name.strip(), parentId, description, Timestamp.from(this.clock.instant()))
			.update();
		Department created = department(id, null);
		this.audit.record(AuditEntry.success("platform.department.created", "department", id.toString())
			.withChange(null, created));
		return created;
	}

	/**
	 * Changes a department; 422 {@code department.cycle} when it would become its own
	 * ancestor.
	 */
	@Transactional
	public Department updateDepartment(UUID id, String name, UUID parentId, String description) {
		this.authorization.require(PlatformPermissions.ORG_WRITE);
		Department before = department(id, null);
		validateName(name);
		if (parentId != null) {
			department(parentId, "parentId");
			Set<UUID> seen = new HashSet<>();
			UUID cursor = parentId;
			while (cursor != null && seen.add(cursor)) {
				if (cursor.equals(id)) {
					throw TianshuException.invalidField("parentId", "department.cycle",
							"A department cannot be inside itself");
				}
				cursor = this.jdbc.sql("SELECT parent_id FROM platform.department WHERE id = ?")
					.param(cursor)
					.query(UUID.class)
					.optional()
					.orElse(null);
			}
		}
		this.jdbc.sql("UPDATE platform.department SET name = ?, parent_id = ?, description = ? WHERE id = ?")
			.params(name.strip(), parentId, description, id)
			.update();
		Department after = department(id, null);
		this.audit.record(AuditEntry.success("platform.department.updated", "department", id.toString())
			.withChange(before, after));
		return after;
	}

	/**
	 * Deletes an empty department; 409 {@code department.not-empty} while it has
	 * sub-departments or teams.
	 */
	@Transactional
	public void deleteDepartment(UUID id) {
		this.authorization.require(PlatformPermissions.ORG_WRITE);
		Department existing = department(id, null);
		long children = this.jdbc.sql("""
				SELECT (SELECT count(*) FROM platform.department WHERE parent_id = :id)
				     + (SELECT count(*) FROM platform.team WHERE department_id = :id)""")
			.param("id", id)
			.query(Long.class)
			.single();
		if (children > 0) {
			throw TianshuException.conflict("department.not-empty",
					"The department still has sub-departments or teams");
		}
		this.jdbc.sql("DELETE FROM platform.department WHERE id = ?").param(id).update();
		this.audit.record(AuditEntry.success("platform.department.deleted", "department", id.toString())
			.withChange(existing, null));
	}

	public List<Team> teams() {
		this.authorization.require(PlatformPermissions.ORG_READ);
		return withMembers(
				this.jdbc.sql("SELECT id, name, department_id, description FROM platform.team ORDER BY lower(name)")
					.query((rs, row) -> new Team(rs.getObject(1, UUID.class), rs.getString(2),
							rs.getObject(3, UUID.class), rs.getString(4), List.of()))
					.list());
	}

	@Transactional
	public Team createTeam(String name, UUID departmentId, String description) {
		this.authorization.require(PlatformPermissions.ORG_WRITE);
		validateTeam(name, departmentId);
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO platform.team (id, name, department_id, description, created_at) VALUES (?, ?, ?, ?, ?)""")
			.params(id, name.strip(), departmentId, description, Timestamp.from(this.clock.instant()))
			.update();
		Team created = team(id);
		this.audit.record(AuditEntry.success("platform.team.created", "team", id.toString()).withChange(null, created));
		return created;
	}

	@Transactional
	public Team updateTeam(UUID id, String name, UUID departmentId, String description) {
		this.authorization.require(PlatformPermissions.ORG_WRITE);
		Team before = team(id);
		validateTeam(name, departmentId);
		this.jdbc.sql("UPDATE platform.team SET name = ?, department_id = ?, description = ? WHERE id = ?")
			.params(name.strip(), departmentId, description, id)
			.update();
		Team after = team(id);
		this.audit.record(AuditEntry.success("platform.team.updated", "team", id.toString()).withChange(before, after));
		return after;
	}

	@Transactional
	public void deleteTeam(UUID id) {
		this.authorization.require(PlatformPermissions.ORG_WRITE);
		Team existing = team(id);
		this.jdbc.sql("DELETE FROM platform.team WHERE id = ?").param(id).update();
		this.audit
			.record(AuditEntry.success("platform.team.deleted", "team", id.toString()).withChange(existing, null));
	}

	/** Replaces the members; 422 {@code team.member-unknown} for an unknown user. */
	@Transactional
	public Team replaceMembers(UUID id, List<UUID> userIds) {
		this.authorization.require(PlatformPermissions.ORG_WRITE);
		Team before = team(id);
		Set<UUID> members = new LinkedHashSet<>((userIds != null) ? userIds : List.of());
		members.remove(null);
		List<UUID> known = this.jdbc.sql("SELECT id FROM platform.users WHERE id = ANY(?)")
			.param(members.toArray(UUID[]::new))
			.query(UUID.class)
			.list();
		List<FieldViolation> violations = new ArrayList<>();
		int i = 0;
		for (UUID member : members) {
			if (!known.contains(member)) {
				violations.add(new FieldViolation("userIds[" + i + "]", "team.member-unknown", "No such user"));
			}
			i++;
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("Unknown users", violations);
		}
		this.jdbc.sql("DELETE FROM platform.team_member WHERE team_id = ?").param(id).update();
		for (UUID member : members) {
			this.jdbc.sql("INSERT INTO platform.team_member (team_id, user_id) VALUES (?, ?)")
				.params(id, member)
				.update();
		}
		Team after = team(id);
		this.audit.record(
				AuditEntry.success("platform.team.members-changed", "team", id.toString()).withChange(before, after));
		return after;
	}

	private void validateName(String name) {
		if (name == null || name.isBlank() || name.strip().length() > 128) {
			throw TianshuException.invalidField("name", "org.name-invalid", "A name of 1–128 characters is required");
		}
	}

	private void validateTeam(String name, UUID departmentId) {
		validateName(name);
		if (departmentId == null) {
			throw TianshuException.invalidField("departmentId", "team.department-required",
					"A team belongs to a department");
		}
		department(departmentId, "departmentId");
	}

	private Department department(UUID id, String field) {
		return this.jdbc.sql("SELECT id, name, parent_id, description FROM platform.department WHERE id = ?")
			.param(id)
			.query(Department.class)
			.optional()
			.orElseThrow(() -> (field != null)
					? TianshuException.invalidField(field, "department.not-found", "No such department")
					: TianshuException.notFound("department.not-found", "No such department"));
	}

	private Team team(UUID id) {
		List<Team> found = withMembers(
				this.jdbc.sql("SELECT id, name, department_id, description FROM platform.team WHERE id = ?")
					.param(id)
					.query((rs, row) -> new Team(rs.getObject(1, UUID.class), rs.getString(2),
							rs.getObject(3, UUID.class), rs.getString(4), List.of()))
					.list());
		if (found.isEmpty()) {
			throw TianshuException.notFound("team.not-found", "No such team");
		}
		return found.get(0);
	}

	private List<Team> withMembers(List<Team> teams) {
		if (teams.isEmpty()) {
			return teams;
		}
		Map<UUID, List<Member>> members = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT m.team_id, u.id, u.username, u.display_name FROM platform.team_member m
				  JOIN platform.users u ON u.id = m.user_id
				WHERE m.team_id = ANY(?) ORDER BY lower(u.username)""")
			.param(teams.stream().map(Team::id).toArray(UUID[]::new))
			.query((rs) -> {
				members.computeIfAbsent(rs.getObject(1, UUID.class), (k) -> new ArrayList<>())
					.add(new Member(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)));
			});
		return teams.stream()
			.map((t) -> new Team(t.id(), t.name(), t.departmentId(), t.description(),
					members.getOrDefault(t.id(), List.of())))
			.toList();
	}

	public record Department(UUID id, String name, UUID parentId, String description) {
	}

	public record Team(UUID id, String name, UUID departmentId, String description, List<Member> members) {
	}

	public record Member(UUID userId, String username, String displayName) {
	}

}
