package io.tianshu.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.tianshu.platform.Actor;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.PermissionScope;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.ProblemKind;
import io.tianshu.platform.identity.RoleScope;
import io.tianshu.platform.identity.roles.Roles;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * {@link Authorization} over Spring Security's context. Contract with authentication: the
 * principal is an {@link Actor} and the granted authorities are exactly the caller's
 * permission strings.
 */
@Component
class SecurityContextAuthorization implements Authorization {

	private static final ThreadLocal<Boolean> SYSTEM = ThreadLocal.withInitial(() -> false);

	/** Lazily: {@link Roles} itself needs an {@link Authorization}. */
	private final ObjectProvider<Roles> roles;

	SecurityContextAuthorization(ObjectProvider<Roles> roles) {
		this.roles = roles;
	}

	@Override
	public Actor currentActor() {
		if (SYSTEM.get()) {
			return Actor.SYSTEM;
		}
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
			return Actor.anonymous(null);
		}
		if (auth.getPrincipal() instanceof Actor actor) {
			return actor;
		}
		return Actor.user(null, auth.getName());
	}

	@Override
	public boolean has(String permission) {
		if (SYSTEM.get()) {
			return true;
		}
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
			return false;
		}
		for (GrantedAuthority authority : auth.getAuthorities()) {
			if (permission.equals(authority.getAuthority())) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void require(String permission) {
		if (has(permission)) {
			return;
		}
		if (currentActor().kind() == Actor.Kind.ANONYMOUS) {
			throw new TianshuException(ProblemKind.UNAUTHENTICATED, "auth.required", "Authentication is required", null,
					null);
		}
		throw new TianshuException(ProblemKind.FORBIDDEN, "auth.forbidden",
				"The permission " + permission + " is required", java.util.Map.of("permission", permission), null);
	}

	@Override
	public PermissionScope scopes(String permission) {
		if (!has(permission)) {
			return PermissionScope.NOWHERE;
		}
		Actor actor = currentActor();
		if (actor.kind() == Actor.Kind.SYSTEM || actor.userId() == null) {
			// the system, or a caller whose permissions come from elsewhere than role
			// assignments (no user id): nothing restricts it
			return PermissionScope.EVERYWHERE;
		}
		// a token holds the permission (checked above) only when its owner does; it acts
		// within the owner's current scopes
		List<PermissionScope.Area> areas = new ArrayList<>();
		for (RoleScope scope : this.roles.getObject().scopesOf(actor.userId(), permission)) {
			if (scope == null) {
				return PermissionScope.EVERYWHERE;
			}
			areas.add(new PermissionScope.Area(scope.businessSystem(), scope.environment()));
		}
		return PermissionScope.within(areas);
	}

	@Override
	public <T> T runAsSystem(Supplier<T> work) {
		boolean previous = SYSTEM.get();
		SYSTEM.set(true);
		try {
			return work.get();
		}
		finally {
			SYSTEM.set(previous);
		}
	}

}
