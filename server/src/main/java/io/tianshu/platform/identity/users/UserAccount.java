package io.tianshu.platform.identity.users;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A local user account as stored, including what the API never shows (the password hash).
 */
public record UserAccount(UUID id, String username, String displayName, String email, String passwordHash,
		boolean enabled, boolean mustChangePassword, int failedAttempts, Instant lockedUntil, boolean totpEnabled,
		Instant lastLoginAt, Instant createdAt) {

	/** Whether the account is locked at {@code now}. */
	public boolean lockedAt(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}

	/** What the audit trail records of the account: never the password hash. */
	Map<String, Object> auditView() {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("username", this.username);
		view.put("displayName", this.displayName);
		view.put("email", this.email);
		view.put("enabled", this.enabled);
		view.put("mustChangePassword", this.mustChangePassword);
		return view;
	}

}
