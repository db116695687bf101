package io.tianshu.platform.security;

import java.io.IOException;

import io.tianshu.platform.identity.tokens.ApiTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer tsk_...}. A request that presents a bearer
 * token is answered 401 {@code auth.token.invalid} unless the token is valid, whatever
 * the endpoint: a broken token never silently degrades to an anonymous call.
 */
class BearerTokenFilter extends OncePerRequestFilter {

	static final String BEARER = "Bearer ";

	private final ApiTokens tokens;

	private final ProblemResponses problems;

	private final SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();

	BearerTokenFilter(ApiTokens tokens, ProblemResponses problems) {
		this.tokens = tokens;
		this.problems = problems;
	}

	static boolean presentsBearer(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!presentsBearer(request)) {
			chain.doFilter(request, response);
			return;
		}
		String token = request.getHeader(HttpHeaders.AUTHORIZATION).substring(BEARER.length()).strip();
		var caller = this.tokens.authenticate(token);
		if (caller.isEmpty()) {
			this.problems.write(response, HttpStatus.UNAUTHORIZED, "auth.token.invalid",
					"The API token is unknown, expired or revoked");
			return;
		}
		SecurityContext context = this.strategy.createEmptyContext();
		context.setAuthentication(
				new ActorAuthentication(caller.get().actor(), Stage.COMPLETE, caller.get().permissions()));
		this.strategy.setContext(context);
		chain.doFilter(request, response);
	}

}
