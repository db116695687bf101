package io.tianshu.platform.identity.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.ProblemKind;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.identity.roles.Roles;
import io.tianshu.platform.identity.totp.TotpFactor;
import io.tianshu.platform.identity.users.UserAccount;
import io.tianshu.platform.identity.users.Users;
import io.tianshu.platform.security.SignIn;
import io.tianshu.platform.security.Stage;

import org.springframework.stereotype.Service;

/**
 * The sign-in flow (登录): password, then TOTP when enrolled, then a forced password change
 * or TOTP enrolment when due. Failed passwords and second factors count towards the
 * account's lockout and the source address's throttle. Not transactional on purpose: the
 * record of a failure must commit although the attempt is refused.
 */
@Service
class Logins {

	private final Users users;

	private final Roles roles;

	private final TotpFactor totp;

	private final LoginThrottle throttle;

	private final Audit audit;

	private final Clock clock;

	Logins(Users users, Roles roles, TotpFactor totp, LoginThrottle throttle, Audit audit, Clock clock) {
		this.users = users;
		this.roles = roles;
		this.totp = totp;
		this.throttle = throttle;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Checks user name and password. 429 {@code auth.throttled}, 423 (
	 * {@link AccountLockedException}), 401 {@code auth.bad-credentials} (also for a
	 * disabled account, so as not to tell which accounts exist).
	 */
	SignIn password(String username, String password, String source) {
		String name = (username != null) ? username.strip() : "";
		if (this.throttle.throttled(source)) {
			this.audit.record(AuditEntry
				.denied("platform.login.throttled", "user", name, "too many failed sign-ins from " + source)
				.by(Actor.anonymous(name)));
			throw new TianshuException(ProblemKind.TOO_MANY_REQUESTS, "auth.throttled",
					"Too many failed sign-ins from your address; try again later", null, null);
		}
		Optional<UserAccount> found = this.users.byUsername(name);
		Instant now = this.clock.instant();
		if (found.isPresent() && found.get().lockedAt(now)) {
			UserAccount account = found.get();
			this.users.passwordMatches(account, password);
			this.throttle.failed(source);
			this.audit.record(AuditEntry.denied("platform.login.failed", "user", account.id().toString(), "locked")
				.by(Actor.user(account.id(), account.username())));
			throw new AccountLockedException(account.lockedUntil());
		}
		boolean matches = this.users.passwordMatches(found.orElse(null), password);
		if (found.isEmpty() || !matches || !found.get().enabled()) {
			this.throttle.failed(source);
			if (found.isEmpty()) {
				this.audit.record(AuditEntry.failure("platform.login.failed", "user", name, "unknown user")
					.by(Actor.anonymous(name)));
				throw badCredentials();
			}
			UserAccount account = found.get();
			Actor actor = Actor.user(account.id(), account.username());
			if (!account.enabled()) {
				this.audit.record(
						AuditEntry.denied("platform.login.failed", "user", account.id().toString(), "account disabled")
							.by(actor));
				throw badCredentials();
			}
			this.audit
				.record(AuditEntry.failure("platform.login.failed", "user", account.id().toString(), "wrong password")
					.by(actor));
			Instant lockedUntil = this.users.recordFailure(account.id());
			if (lockedUntil != null) {
				throw new AccountLockedException(lockedUntil);
			}
			throw badCredentials();
		}
		UserAccount account = found.get();
		Stage stage = nextStage(account, false);
		if (stage != Stage.TOTP_REQUIRED) {
			this.users.recordSuccess(account.id());
		}
		this.audit.record(AuditEntry.success("platform.login.succeeded", "user", account.id().toString())
			.withDetail("password accepted, next: " + stage)
			.by(Actor.user(account.id(), account.username())));
		return new SignIn(account.id(), account.username(), stage);
	}

	/**
	 * Checks the second factor of a sign-in waiting for it: a TOTP code or a recovery
	 * code. 401 {@code auth.totp.invalid}; failures count like wrong passwords.
	 */
	SignIn secondFactor(SignIn pending, String code, String recoveryCode, String source) {
		if (this.throttle.throttled(source)) {
			throw new TianshuException(ProblemKind.TOO_MANY_REQUESTS, "auth.throttled",
					"Too many failed sign-ins from your address; try again later", null, null);
		}
		UserAccount account = this.users.byId(pending.userId()).orElseThrow(Logins::totpInvalid);
		Actor actor = Actor.user(account.id(), account.username());
		if (account.lockedAt(this.clock.instant())) {
			throw new AccountLockedException(account.lockedUntil());
		}
		boolean recovery = (code == null || code.isBlank()) && recoveryCode != null;
		boolean accepted = recovery ? this.totp.useRecoveryCode(account.id(), recoveryCode)
				: this.totp.verify(account.id(), code);
		if (!accepted) {
			this.throttle.failed(source);
			this.audit.record(
					AuditEntry
						.failure("platform.totp.failed", "user", account.id().toString(),
								recovery ? "wrong or used recovery code" : "wrong, expired or replayed code")
						.by(actor));
			Instant lockedUntil = this.users.recordFailure(account.id());
			if (lockedUntil != null) {
				throw new AccountLockedException(lockedUntil);
			}
			throw totpInvalid();
		}
		this.users.recordSuccess(account.id());
		Stage stage = nextStage(account, true);
		this.audit.record(AuditEntry.success("platform.totp.verified", "user", account.id().toString())
			.withDetail((recovery ? "recovery code" : "TOTP code") + " accepted, next: " + stage)
			.by(actor));
		return pending.next(stage);
	}

	/** The stage that follows for the account, with or without the second factor done. */
	Stage nextStage(UserAccount account, boolean secondFactorDone) {
		if (account.totpEnabled() && !secondFactorDone) {
			return Stage.TOTP_REQUIRED;
		}
		if (account.mustChangePassword()) {
			return Stage.PASSWORD_CHANGE_REQUIRED;
		}
		if (!account.totpEnabled() && this.roles.totpRequiredFor(account.id())) {
			return Stage.TOTP_ENROLMENT_REQUIRED;
		}
		return Stage.COMPLETE;
	}

	private static TianshuException badCredentials() {
		return new TianshuException(ProblemKind.UNAUTHENTICATED, "auth.bad-credentials", "Wrong user name or password",
				null, null);
	}

	private static TianshuException totpInvalid() {
		return new TianshuException(ProblemKind.UNAUTHENTICATED, "auth.totp.invalid",
				"The code is wrong, expired or already used", null, null);
	}

}
