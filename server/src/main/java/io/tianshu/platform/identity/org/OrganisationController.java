package io.tianshu.platform.identity.org;

import java.util.List;
import java.util.UUID;

import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.RequiresPermission;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Departments and teams. */
@RestController
class OrganisationController {

	private final Organisation organisation;

	OrganisationController(Organisation organisation) {
		this.organisation = organisation;
	}

	@GetMapping("/api/v1/departments")
	@RequiresPermission(PlatformPermissions.ORG_READ)
	List<Organisation.Department> departments() {
		return this.organisation.departments();
	}

	@PostMapping("/api/v1/departments")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(PlatformPermissions.ORG_WRITE)
	Organisation.Department createDepartment(@RequestBody DepartmentBody body) {
		return this.organisation.createDepartment(body.name(), body.parentId(), body.description());
	}

	@PutMapping("/api/v1/departments/{id}")
	@RequiresPermission(PlatformPermissions.ORG_WRITE)
	Organisation.Department updateDepartment(@PathVariable UUID id, @RequestBody DepartmentBody body) {
		return this.organisation.updateDepartment(id, body.name(), body.parentId(), body.description());
	}

	@DeleteMapping("/api/v1/departments/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(PlatformPermissions.ORG_WRITE)
	void deleteDepartment(@PathVariable UUID id) {
		this.organisation.deleteDepartment(id);
	}

	@GetMapping("/api/v1/teams")
	@RequiresPermission(PlatformPermissions.ORG_READ)
	List<Organisation.Team> teams() {
		return this.organisation.teams();
	}

	@PostMapping("/api/v1/teams")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(PlatformPermissions.ORG_WRITE)
	Organisation.Team createTeam(@RequestBody TeamBody body) {
		return this.organisation.createTeam(body.name(), body.departmentId(), body.description());
	}

	@PutMapping("/api/v1/teams/{id}")
	@RequiresPermission(PlatformPermissions.ORG_WRITE)
	Organisation.Team updateTeam(@PathVariable UUID id, @RequestBody TeamBody body) {
		return this.organisation.updateTeam(id, body.name(), body.departmentId(), body.description());
	}

	@DeleteMapping("/api/v1/teams/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(PlatformPermissions.ORG_WRITE)
	void deleteTeam(@PathVariable UUID id) {
		this.organisation.deleteTeam(id);
	}

	@PutMapping("/api/v1/teams/{id}/members")
	@RequiresPermission(PlatformPermissions.ORG_WRITE)
	Organisation.Team members(@PathVariable UUID id, @RequestBody MembersBody body) {
		return this.organisation.replaceMembers(id, body.userIds());
	}

	record DepartmentBody(String name, UUID parentId, String description) {
	}

	record TeamBody(String name, UUID departmentId, String description) {
	}

	record MembersBody(List<UUID> userIds) {
	}

}
