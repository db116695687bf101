package io.tianshu.platform.security;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.tianshu.platform.Actor;
import io.tianshu.platform.identity.roles.Roles;
import io.tianshu.platform.identity.users.UserAccount;
import io.tianshu.platform.identity.users.Users;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.function.SingletonSupplier;

/**
 * Builds the caller of each request from the session's {@link SignIn}: the account must
 * still exist and be enabled, and the permissions are read afresh, so a disabled account
 * or a revoked role takes effect at the next request. Nothing is saved back: the sign-in
 * endpoints write the session themselves.
 */
class SessionSecurityContextRepository implements SecurityContextRepository {

	private final Sessions sessions;

	private final Users users;

	private final Roles roles;

	private final SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

	SessionSecurityContextRepository(Sessions sessions, Users users, Roles roles) {
		this.sessions = sessions;
		this.users = users;
		this.roles = roles;
	}

	@Override
	public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
		Supplier<Optional<SecurityContext>> loaded = SingletonSupplier.of(() -> load(request));
		return new DeferredSecurityContext() {

			@Override
			public SecurityContext get() {
				return loaded.get().orElseGet(SessionSecurityContextRepository.this.strategy::createEmptyContext);
			}

			@Override
			public boolean isGenerated() {
				return loaded.get().isEmpty();
			}

		};
	}

	@Override
	@SuppressWarnings("deprecation")
	public SecurityContext loadContext(HttpRequestResponseHolder holder) {
		return loadDeferredContext(holder.getRequest()).get();
	}

	@Override
	public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
		// the session holds a SignIn, written by the sign-in endpoints
	}

	@Override
	public boolean containsContext(HttpServletRequest request) {
		return this.sessions.current(request).isPresent();
	}

	private Optional<SecurityContext> load(HttpServletRequest request) {
		Optional<SignIn> current = this.sessions.current(request);
		if (current.isEmpty()) {
			return Optional.empty();
		}
		SignIn signIn = current.get();
		Optional<UserAccount> account = this.users.byId(signIn.userId());
		if (account.isEmpty() || !account.get().enabled()) {
			this.sessions.signOut(request);
			return Optional.empty();
		}
		Set<String> permissions = (signIn.stage() == Stage.COMPLETE) ? this.roles.permissionsOf(signIn.userId())
				: Set.of();
		SecurityContext context = this.strategy.createEmptyContext();
		context.setAuthentication(new ActorAuthentication(Actor.user(signIn.userId(), account.get().username()),
				signIn.stage(), permissions));
		return Optional.of(context);
	}

}
