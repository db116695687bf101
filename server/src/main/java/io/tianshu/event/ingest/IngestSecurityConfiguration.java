package io.tianshu.event.ingest;

import io.micrometer.observation.ObservationPredicate;
import io.tianshu.event.Integrations;
import io.tianshu.event.integration.IngestCounters;
import io.tianshu.event.intake.EventProperties;
import io.tianshu.platform.web.ProblemResponses;
import io.tianshu.platform.web.Problems;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The security filter chain of the ingest endpoints, ordered before the platform's chain
 * and matching only them: stateless (no session read or created), no CSRF (senders are
 * machines that authenticate every request), authenticated solely by
 * {@link IntegrationTokenFilter}. Everything else keeps the platform's chain unchanged.
 * The two Alertmanager endpoints are answered before this chain by
 * {@link DirectIngestFilter}, which authenticates them the same way.
 */
@Configuration(proxyBeanMethods = false)
class IngestSecurityConfiguration {

	static final String[] PATHS = { "/api/v1/events/ingest/**", "/api/v2/alerts" };

	/**
	 * The Alertmanager endpoints served ahead of Spring Security's chain (after the
	 * platform's body size limit, which is just before it).
	 */
	@Bean
	FilterRegistrationBean<DirectIngestFilter> directIngestFilter(Integrations integrations, IngestCounters counters,
			JsonMapper json, EventProperties properties, AlertmanagerIngestController controller,
			ProblemResponses problems) {
		FilterRegistrationBean<DirectIngestFilter> registration = new FilterRegistrationBean<>(
				new DirectIngestFilter(integrations, counters, json, properties, controller, problems));
		registration.addUrlPatterns(DirectIngestFilter.ALERTS_PATH, DirectIngestFilter.WEBHOOK_PATH);
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

	/**
	 * No {@code http.server.requests} observation for the requests the direct filter
	 * answers: its start and stop were 8 % of those requests' CPU (JFR), and the intake
	 * times its commits itself ({@code tianshu.event.intake.commit}).
	 */
	@Bean
	ObservationPredicate directIngestNotObserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& DirectIngestFilter.serves(request.getCarrier()));
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 50)
	SecurityFilterChain eventIngestSecurity(HttpSecurity http, Integrations integrations, IngestCounters counters,
			JsonMapper json, EventProperties properties) {
		http.securityMatcher(PATHS)
			.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.disable())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable())
			.requestCache((cache) -> cache.disable())
			.anonymous((anonymous) -> anonymous.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.addFilterAfter(new IntegrationTokenFilter(integrations, counters, json, properties),
					SecurityContextHolderFilter.class)
			.exceptionHandling((ex) -> ex.authenticationEntryPoint((request, response, failure) -> {
				response.setStatus(401);
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.getOutputStream()
					.write(json.writeValueAsBytes(Problems.of(401, "event.integration.token-required",
							"Send the integration's token (Authorization: Bearer <token>)")));
			}))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
		return http.build();
	}

}
