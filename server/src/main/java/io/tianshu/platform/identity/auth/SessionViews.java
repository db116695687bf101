package io.tianshu.platform.identity.auth;

import java.util.List;
import java.util.Optional;

import io.tianshu.platform.Actor;
import io.tianshu.platform.identity.roles.Roles;
import io.tianshu.platform.identity.users.UserAccount;
import io.tianshu.platform.identity.users.Users;
import io.tianshu.platform.security.ActorAuthentication;
import io.tianshu.platform.security.Sessions;
import io.tianshu.platform.security.SignIn;
import io.tianshu.platform.security.Stage;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Describes the caller's sign-in: a console session in some stage, an API token, or
 * nobody.
 */
@Component
class SessionViews {

	private final Sessions sessions;

	private final Users users;

	private final Roles roles;

	SessionViews(Sessions sessions, Users users, Roles roles) {
		this.sessions = sessions;
		this.users = users;
		this.roles = roles;
	}

	SessionView current(HttpServletRequest request) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
			return SessionView.anonymous();
		}
		if (auth instanceof ActorAuthentication actor && actor.getPrincipal().kind() == Actor.Kind.USER) {
			Optional<SignIn> signIn = this.sessions.current(request);
			if (signIn.isPresent()) {
				return of(request, signIn.get());
			}
		}
		List<String> permissions = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
		SessionView.SessionUser user = null;
		if (auth instanceof ActorAuthentication actor && actor.getPrincipal().userId() != null) {
			user = this.users.byId(actor.getPrincipal().userId()).map(SessionViews::user).orElse(null);
		}
		return new SessionView(true, Stage.COMPLETE, user, permissions, null);
	}

	SessionView of(HttpServletRequest request, SignIn signIn) {
		Optional<UserAccount> account = this.users.byId(signIn.userId());
		if (account.isEmpty()) {
			return SessionView.anonymous();
		}
		List<String> permissions = (signIn.stage() == Stage.COMPLETE)
				? List.copyOf(this.roles.permissionsOf(signIn.userId())) : List.of();
		return new SessionView(true, signIn.stage(), user(account.get()), permissions,
				this.sessions.expiresAt(request));
	}

	private static SessionView.SessionUser user(UserAccount account) {
		return new SessionView.SessionUser(account.id(), account.username(), account.displayName(), account.email(),
				account.totpEnabled(), account.mustChangePassword());
	}

}
