package io.tianshu.platform.identity.users;

import java.util.UUID;

import io.tianshu.platform.CursorPage;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.RequiresPermission;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** User administration. */
@RestController
@RequestMapping("/api/v1/users")
class UsersController {

	private final Users users;

	UsersController(Users users) {
		this.users = users;
	}

	@GetMapping
	@RequiresPermission(PlatformPermissions.USER_READ)
	CursorPage<UserView> list(@RequestParam(required = false) String query,
			@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit) {
		return this.users.list(query, cursor, limit);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(PlatformPermissions.USER_WRITE)
	UserView create(@RequestBody NewUser user) {
		return this.users.create(user.username(), user.displayName(), user.email(), user.password());
	}

	@GetMapping("/{id}")
	@RequiresPermission(PlatformPermissions.USER_READ)
	UserView get(@PathVariable UUID id) {
		return this.users.view(id);
	}

	@PatchMapping("/{id}")
	@RequiresPermission(PlatformPermissions.USER_WRITE)
	UserView update(@PathVariable UUID id, @RequestBody UserChange change) {
		return this.users.update(id, change.displayName(), change.email(), change.enabled());
	}

	@PostMapping("/{id}/unlock")
	@RequiresPermission(PlatformPermissions.USER_WRITE)
	UserView unlock(@PathVariable UUID id) {
		return this.users.unlock(id);
	}

	@PostMapping("/{id}/password-reset")
	@RequiresPermission(PlatformPermissions.USER_WRITE)
	UserView resetPassword(@PathVariable UUID id, @RequestBody PasswordReset reset) {
		return this.users.resetPassword(id, reset.password());
	}

	record NewUser(String username, String displayName, String email, String password) {
	}

	record UserChange(String displayName, String email, Boolean enabled) {
	}

	record PasswordReset(String password) {
	}

}
