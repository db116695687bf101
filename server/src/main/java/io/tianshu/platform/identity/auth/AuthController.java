package io.tianshu.platform.identity.auth;

import java.util.Map;

import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.ProblemKind;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.security.Sessions;
import io.tianshu.platform.security.SignIn;
import io.tianshu.platform.security.Stage;
import io.tianshu.platform.web.CurrentRequest;
import io.tianshu.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Console sign-in: read the session (and get the CSRF cookie), sign in with a password,
 * complete the second factor, sign out.
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

	private final Logins logins;

	private final Sessions sessions;

	private final SessionViews views;

	private final Audit audit;

	AuthController(Logins logins, Sessions sessions, SessionViews views, Audit audit) {
		this.logins = logins;
		this.sessions = sessions;
		this.views = views;
		this.audit = audit;
	}

	/** Always 200, also for nobody; sets the {@code XSRF-TOKEN} cookie. */
	@GetMapping("/session")
	SessionView session(HttpServletRequest request) {
		// reading the deferred token makes the CSRF filter write its cookie
		if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
			token.getToken();
		}
		return this.views.current(request);
	}

	@PostMapping("/login")
	SessionView login(@RequestBody(required = false) Credentials credentials, HttpServletRequest request) {
		Credentials given = (credentials != null) ? credentials : new Credentials(null, null);
		SignIn signIn = this.logins.password(given.username(), given.password(), CurrentRequest.sourceAddress());
		this.sessions.signIn(request, signIn);
		return this.views.of(request, signIn);
	}

	@PostMapping("/totp")
	SessionView totp(@RequestBody(required = false) SecondFactor factor, HttpServletRequest request) {
		SignIn pending = this.sessions.current(request)
			.filter((s) -> s.stage() == Stage.TOTP_REQUIRED)
			.orElseThrow(() -> new TianshuException(ProblemKind.UNAUTHENTICATED, "auth.required",
					"No sign-in is waiting for a second factor", null, null));
		SecondFactor given = (factor != null) ? factor : new SecondFactor(null, null);
		SignIn next = this.logins.secondFactor(pending, given.code(), given.recoveryCode(),
				CurrentRequest.sourceAddress());
		this.sessions.signIn(request, next);
		return this.views.of(request, next);
	}

	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(HttpServletRequest request) {
		this.sessions.current(request)
			.ifPresent((signIn) -> this.audit
				.record(AuditEntry.success("platform.logout", "user", signIn.userId().toString())
					.by(io.tianshu.platform.Actor.user(signIn.userId(), signIn.username()))));
		this.sessions.signOut(request);
	}

	@ExceptionHandler(AccountLockedException.class)
	ResponseEntity<ProblemDetail> locked(AccountLockedException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.LOCKED, "auth.locked", ex.getMessage());
		problem.setProperty("params", Map.of("lockedUntil", ex.lockedUntil().toString()));
		return ResponseEntity.status(HttpStatus.LOCKED).body(problem);
	}

	record Credentials(String username, String password) {
	}

	record SecondFactor(String code, String recoveryCode) {
	}

}
