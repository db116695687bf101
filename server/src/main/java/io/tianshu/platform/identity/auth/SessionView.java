package io.tianshu.platform.identity.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tianshu.platform.security.Stage;

/**
 * The caller's sign-in as the console sees it; {@code permissions} is empty until the
 * stage is {@code COMPLETE}.
 */
public record SessionView(boolean authenticated, Stage stage, SessionUser user, List<String> permissions,
		Instant expiresAt) {

	static SessionView anonymous() {
		return new SessionView(false, Stage.NONE, null, List.of(), null);
	}

	public record SessionUser(UUID id, String username, String displayName, String email, boolean totpEnabled,
			boolean mustChangePassword) {
	}

}
