package io.tianshu.platform.identity.roles;

import java.time.Instant;
import java.util.UUID;

import io.tianshu.platform.identity.RoleScope;

/**
 * A role held by a user, optionally only within a scope.
 */
public record RoleAssignmentView(UUID id, UUID userId, String username, UUID roleId, String roleName, RoleScope scope,
		Instant createdAt) {
}
