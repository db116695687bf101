package io.tianshu.platform.identity.users;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tianshu.platform.identity.RoleScope;

/**
 * A user as the administration API shows it.
 */
public record UserView(UUID id, String username, String displayName, String email, boolean enabled, boolean locked,
		Instant lockedUntil, boolean totpEnabled, boolean mustChangePassword, Instant lastLoginAt, Instant createdAt,
		List<RoleGrant> roles) {

	/** A role the user holds, with the assignment's scope ({@code null}: everywhere). */
	public record RoleGrant(UUID roleId, String roleName, RoleScope scope) {
	}

}
