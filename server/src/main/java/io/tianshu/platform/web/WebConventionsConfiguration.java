package io.tianshu.platform.web;

import io.tianshu.platform.Authorization;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The API convention filters, in order: security headers (every response), the body size
 * limit (before authentication, so oversized bodies are refused early), and idempotency
 * keys (after Spring Security's chain, which knows the caller).
 */
@Configuration(proxyBeanMethods = false)
class WebConventionsConfiguration {

	/** Right after {@link RequestIdFilter}. */
	static final int SECURITY_HEADERS_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	/** After Boot's request-context filter (-105), before Spring Security (-100). */
	static final int SIZE_LIMIT_ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 2;

	static final int IDEMPOTENCY_ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10;

	/**
	 * Tomcat copies every response through a per-connection socket buffer of 8 KB and
	 * writes it out buffer by buffer: a topology answer of 5 MB was 700 system calls. 64
	 * KB per connection makes that 90, and costs nothing for the small answers.
	 */
	@Bean
	TomcatConnectorCustomizer socketWriteBuffer() {
		return (connector) -> connector.setProperty("socket.appWriteBufSize", Integer.toString(64 * 1024));
	}

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter());
		registration.setOrder(SECURITY_HEADERS_ORDER);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ApiProperties properties,
			ProblemResponses problems) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(properties, problems));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(SIZE_LIMIT_ORDER);
		return registration;
	}

	@Bean
	FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, Authorization authorization,
			ProblemResponses problems, ApiMetrics metrics) {
		FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
				new IdempotencyFilter(keys, authorization, problems, metrics));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(IDEMPOTENCY_ORDER);
		return registration;
	}

}
