package io.tianshu.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.tianshu.platform.identity.IdentityProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

/**
 * Console sessions over the servlet container's HTTP session: the session holds one
 * {@link SignIn}; the session id changes whenever the sign-in advances (session fixation
 * protection) and the session ends after the configured idle time.
 */
@Component
public class Sessions {

	static final String ATTRIBUTE = SignIn.class.getName();

	private final IdentityProperties properties;

	private final Clock clock;

	Sessions(IdentityProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** Stores the sign-in under a new session id. */
	public void signIn(HttpServletRequest request, SignIn signIn) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			request.changeSessionId();
		}
		session = request.getSession(true);
		session.setMaxInactiveInterval((int) this.properties.sessionIdleTimeout().toSeconds());
		session.setAttribute(ATTRIBUTE, signIn);
	}

	public Optional<SignIn> current(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return Optional.empty();
		}
		try {
			return (session.getAttribute(ATTRIBUTE) instanceof SignIn signIn) ? Optional.of(signIn) : Optional.empty();
		}
		catch (IllegalStateException ex) {
			// invalidated meanwhile
			return Optional.empty();
		}
	}

	/** When the session ends if the caller stays idle from now on. */
	public Instant expiresAt(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		long idle = (session != null) ? session.getMaxInactiveInterval()
				: this.properties.sessionIdleTimeout().toSeconds();
		return this.clock.instant().plusSeconds(idle);
	}

	public void signOut(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			try {
				session.invalidate();
			}
			catch (IllegalStateException ex) {
				// already invalidated
			}
		}
	}

}
