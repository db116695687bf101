package io.tianshu.platform.security;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.identity.roles.Roles;
import io.tianshu.platform.identity.tokens.ApiTokens;
import io.tianshu.platform.identity.users.Users;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The one security filter chain. Public: the sign-in endpoints, the health probes, the
 * API description (unless {@code tianshu.api.docs-public=false}) and the console's static
 * files and routes (everything outside {@code /api/}, {@code /actuator/} and
 * {@code /v3/}). Everything under {@code /api/} needs a complete console sign-in or a
 * valid API token, except the endpoints that complete a sign-in stage;
 * {@code /actuator/info} needs {@code platform.system.read} or
 * {@code platform.metrics.read}, the other actuator endpoints need
 * {@code platform.metrics.read}. Console requests carry the CSRF token
 * ({@code XSRF-TOKEN} cookie, {@code X-XSRF-TOKEN} header); bearer-token requests do not
 * need it. No HTTP Basic, no form login, no generated default user.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

	@Bean
	SecurityFilterChain tianshuSecurity(HttpSecurity http, Sessions sessions, Users users, Roles roles,
			ApiTokens tokens, JsonMapper json, @Value("${tianshu.api.docs-public:true}") boolean docsPublic) {
		ProblemResponses problems = new ProblemResponses(json);
		AuthorizationManager<RequestAuthorizationContext> complete = signedIn(EnumSet.of(Stage.COMPLETE));
		AuthorizationManager<RequestAuthorizationContext> docs = docsPublic
				? (auth, ctx) -> new AuthorizationDecision(true) : complete;
		http.securityContext((context) -> context
			.securityContextRepository(new SessionSecurityContextRepository(sessions, users, roles)))
			.addFilterAfter(new BearerTokenFilter(tokens, problems), SecurityContextHolderFilter.class)
			.csrf((csrf) -> csrf.spa().ignoringRequestMatchers(BearerTokenFilter::presentsBearer))
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/api/v1/auth/session")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/totp", "/api/v1/auth/logout")
				.permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.requestMatchers("/actuator/info")
				.access(withAnyPermission(PlatformPermissions.SYSTEM_READ, PlatformPermissions.METRICS_READ))
				.requestMatchers("/actuator/**")
				.access(withAnyPermission(PlatformPermissions.METRICS_READ))
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
				.access(docs)
				.requestMatchers("/v3/**")
				.access(complete)
				.requestMatchers(HttpMethod.POST, "/api/v1/me/password")
				.access(signedIn(EnumSet.of(Stage.PASSWORD_CHANGE_REQUIRED, Stage.COMPLETE)))
				.requestMatchers(HttpMethod.POST, "/api/v1/me/totp/enrolment", "/api/v1/me/totp/confirm")
				.access(signedIn(EnumSet.of(Stage.TOTP_ENROLMENT_REQUIRED, Stage.COMPLETE)))
				.requestMatchers("/api/**")
				.access(complete)
				.anyRequest()
				.permitAll());
		return http.build();
	}

	/**
	 * Tianshu authenticates in its own sign-in endpoints and bearer-token filter; this
	 * manager refuses everything, and its presence stops Spring Boot from creating a
	 * default in-memory user with a generated password.
	 */
	@Bean
	AuthenticationManager noAuthenticationManager() {
		return (authentication) -> {
			throw new ProviderNotFoundException("Tianshu does not authenticate through an AuthenticationManager");
		};
	}

	@Bean
	CookieSameSiteSupplier sameSiteLax() {
		return CookieSameSiteSupplier.ofLax();
	}

	/**
	 * Signed in, in one of the stages. Callers authenticated some other way (Spring
	 * Security's test support) count as complete.
	 */
	private static AuthorizationManager<RequestAuthorizationContext> signedIn(Set<Stage> stages) {
		return (authentication, context) -> new AuthorizationDecision(allowed(authentication, stages));
	}

	private static AuthorizationManager<RequestAuthorizationContext> withAnyPermission(String... permissions) {
		Set<String> accepted = Set.of(permissions);
		return (authentication, context) -> {
			Authentication auth = authentication.get();
			boolean granted = allowed(() -> auth, EnumSet.of(Stage.COMPLETE))
					&& auth.getAuthorities().stream().anyMatch((a) -> accepted.contains(a.getAuthority()));
			return new AuthorizationDecision(granted);
		};
	}

	private static boolean allowed(Supplier<? extends Authentication> authentication, Set<Stage> stages) {
		Authentication auth = authentication.get();
		if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
			return false;
		}
		if (auth instanceof ActorAuthentication actor) {
			return stages.contains(actor.stage());
		}
		return true;
	}

}
