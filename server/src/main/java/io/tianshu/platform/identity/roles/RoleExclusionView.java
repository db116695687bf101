package io.tianshu.platform.identity.roles;

import java.util.UUID;

/**
 * Two roles nobody may hold together (职责分离 separation of duties).
 */
public record RoleExclusionView(UUID id, RoleRef roleA, RoleRef roleB, String reason) {

	public record RoleRef(UUID id, String name) {
	}

}
