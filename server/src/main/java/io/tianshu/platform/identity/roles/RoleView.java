package io.tianshu.platform.identity.roles;

import java.util.List;
import java.util.UUID;

/**
 * A role (角色): a named set of permissions; built-in roles cannot be deleted and keep
 * their permissions.
 */
public record RoleView(UUID id, String name, boolean builtIn, String description, List<String> permissions,
		boolean requiresTotp) {
}
