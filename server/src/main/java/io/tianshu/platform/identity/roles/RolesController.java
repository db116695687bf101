package io.tianshu.platform.identity.roles;

import java.util.List;
import java.util.UUID;

import io.tianshu.platform.PermissionDefinition;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.identity.RoleScope;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Permissions, roles, role exclusions and role assignments. */
@RestController
class RolesController {

	private final Roles roles;

	private final PermissionCatalog catalog;

	RolesController(Roles roles, PermissionCatalog catalog) {
		this.roles = roles;
		this.catalog = catalog;
	}

	@GetMapping("/api/v1/permissions")
	@RequiresPermission(PlatformPermissions.ROLE_READ)
	List<PermissionDefinition> permissions() {
		return this.catalog.all();
	}

	@GetMapping("/api/v1/roles")
	@RequiresPermission(PlatformPermissions.ROLE_READ)
	List<RoleView> list() {
		return this.roles.list();
	}

	@PostMapping("/api/v1/roles")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(PlatformPermissions.ROLE_WRITE)
	RoleView create(@RequestBody RoleBody role) {
		return this.roles.create(role.name(), role.description(), role.permissions(),
				Boolean.TRUE.equals(role.requiresTotp()));
	}

	@PutMapping("/api/v1/roles/{id}")
	@RequiresPermission(PlatformPermissions.ROLE_WRITE)
	RoleView update(@PathVariable UUID id, @RequestBody RoleBody role) {
		return this.roles.update(id, role.name(), role.description(), role.permissions(),
				Boolean.TRUE.equals(role.requiresTotp()));
	}

	@DeleteMapping("/api/v1/roles/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(PlatformPermissions.ROLE_WRITE)
	void delete(@PathVariable UUID id) {
		this.roles.delete(id);
	}

	@GetMapping("/api/v1/role-exclusions")
	@RequiresPermission(PlatformPermissions.ROLE_READ)
	List<RoleExclusionView> exclusions() {
		return this.roles.exclusions();
	}

	@PostMapping("/api/v1/role-exclusions")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(PlatformPermissions.ROLE_WRITE)
	RoleExclusionView exclude(@RequestBody ExclusionBody exclusion) {
		return this.roles.exclude(exclusion.roleAId(), exclusion.roleBId(), exclusion.reason());
	}

	@DeleteMapping("/api/v1/role-exclusions/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(PlatformPermissions.ROLE_WRITE)
	void deleteExclusion(@PathVariable UUID id) {
		this.roles.deleteExclusion(id);
	}

	@GetMapping("/api/v1/role-assignments")
	@RequiresPermission(PlatformPermissions.ROLE_READ)
	List<RoleAssignmentView> assignments(@RequestParam(required = false) UUID userId) {
		return this.roles.assignments(userId);
	}

	@PostMapping("/api/v1/role-assignments")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(PlatformPermissions.ROLE_WRITE)
	RoleAssignmentView assign(@RequestBody AssignmentBody assignment) {
		RoleScope scope = (assignment.scope() != null)
				? RoleScope.of(assignment.scope().businessSystem(), assignment.scope().environment()) : null;
		return this.roles.assign(assignment.userId(), assignment.roleId(), scope);
	}

	@DeleteMapping("/api/v1/role-assignments/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(PlatformPermissions.ROLE_WRITE)
	void unassign(@PathVariable UUID id) {
		this.roles.unassign(id);
	}

	record RoleBody(String name, String description, List<String> permissions, Boolean requiresTotp) {
	}

	record ExclusionBody(UUID roleAId, UUID roleBId, String reason) {
	}

	record AssignmentBody(UUID userId, UUID roleId, RoleScope scope) {
	}

}
