package io.tianshu.platform.identity.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tianshu.platform.Authorization;
import io.tianshu.platform.ProblemKind;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.identity.totp.TotpFactor;
import io.tianshu.platform.identity.users.Users;
import io.tianshu.platform.security.Sessions;
import io.tianshu.platform.security.SignIn;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's own password and second factor. The password change also completes
 * the {@code PASSWORD_CHANGE_REQUIRED} stage, the enrolment endpoints the
 * {@code TOTP_ENROLMENT_REQUIRED} stage.
 */
@RestController
@RequestMapping("/api/v1/me")
class MeController {

	private final Authorization authorization;

	private final Users users;

	private final TotpFactor totp;

	private final Logins logins;

	private final Sessions sessions;

	private final SessionViews views;

	MeController(Authorization authorization, Users users, TotpFactor totp, Logins logins, Sessions sessions,
			SessionViews views) {
		this.authorization = authorization;
		this.users = users;
		this.totp = totp;
		this.logins = logins;
		this.sessions = sessions;
		this.views = views;
	}

	@PostMapping("/password")
	SessionView changePassword(@RequestBody(required = false) PasswordChange change, HttpServletRequest request) {
		UUID me = me();
		PasswordChange given = (change != null) ? change : new PasswordChange(null, null);
		this.users.changeOwnPassword(me, given.currentPassword(), given.newPassword());
		return advance(request, me);
	}

	@PostMapping("/totp/enrolment")
	TotpFactor.Enrolment startEnrolment() {
		return this.totp.startEnrolment(me());
	}

	@PostMapping("/totp/confirm")
	Map<String, List<String>> confirm(@RequestBody(required = false) Code code, HttpServletRequest request) {
		UUID me = me();
		List<String> recoveryCodes = this.totp.confirm(me, (code != null) ? code.code() : null);
		advance(request, me);
		return Map.of("recoveryCodes", recoveryCodes);
	}

	@DeleteMapping("/totp")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void disable(@RequestBody(required = false) Code code) {
		this.totp.disable(me(), (code != null) ? code.code() : null);
	}

	@PostMapping("/totp/recovery-codes")
	Map<String, List<String>> regenerate(@RequestBody(required = false) Code code) {
		return Map.of("recoveryCodes", this.totp.regenerateRecoveryCodes(me(), (code != null) ? code.code() : null));
	}

	/** Moves the console session on to the stage that now follows. */
	private SessionView advance(HttpServletRequest request, UUID me) {
		Optional<SignIn> signIn = this.sessions.current(request).filter((s) -> s.userId().equals(me));
		if (signIn.isEmpty()) {
			return this.views.current(request);
		}
		SignIn next = signIn.get().next(this.logins.nextStage(this.users.byId(me).orElseThrow(), true));
		this.sessions.signIn(request, next);
		return this.views.of(request, next);
	}

	private UUID me() {
		UUID userId = this.authorization.currentActor().userId();
		if (userId == null) {
			throw new TianshuException(ProblemKind.UNAUTHENTICATED, "auth.required", "Sign in as a user", null, null);
		}
		return userId;
	}

	record PasswordChange(String currentPassword, String newPassword) {
	}

	record Code(String code) {
	}

}
