package io.tianshu.platform.identity.auth;

import java.time.Instant;

/** A sign-in refused because the account is locked: answered 423 {@code auth.locked}. */
class AccountLockedException extends RuntimeException {

	private final Instant lockedUntil;

	AccountLockedException(Instant lockedUntil) {
		super("The account is locked until " + lockedUntil);
		this.lockedUntil = lockedUntil;
	}

	Instant lockedUntil() {
		return this.lockedUntil;
	}

}
