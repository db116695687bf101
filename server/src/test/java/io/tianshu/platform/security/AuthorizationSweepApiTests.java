package io.tianshu.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuProperties;
import io.tianshu.platform.identity.Browser;
import io.tianshu.platform.identity.IdentityFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls every {@code /api/} endpoint of the running application: anonymously (401), and
 * as a signed-in user without any role (403 where a permission is required). An endpoint
 * that declares no {@link RequiresPermission} must be on one of the explicit lists below,
 * so a new endpoint cannot go unprotected by accident.
 */
@TianshuIntegrationTest
class AuthorizationSweepApiTests {

	/** Answered to anybody: the sign-in itself. */
	static final Set<String> PUBLIC = Set.of("GET /api/v1/auth/session", "POST /api/v1/auth/login",
			"POST /api/v1/auth/totp", "POST /api/v1/auth/logout");

	/** Any signed-in user may call these: they act on the caller's own account. */
	static final Set<String> AUTHENTICATED_ONLY = Set.of("POST /api/v1/me/password", "POST /api/v1/me/totp/enrolment",
			"POST /api/v1/me/totp/confirm", "DELETE /api/v1/me/totp", "POST /api/v1/me/totp/recovery-codes",
			"GET /api/v1/me/tokens", "POST /api/v1/me/tokens", "DELETE /api/v1/me/tokens/{id}",
			"GET /api/v1/system/info");

	/**
	 * Ingest endpoints: they authenticate only by an integration's token (their own
	 * filter chain), so without one they answer 401 to anybody, signed in or not.
	 */
	static final Set<String> INTEGRATION_TOKEN = Set.of("POST /api/v1/events/ingest/alertmanager",
			"POST /api/v2/alerts", "POST /api/v1/events/ingest/pagerduty/v2/enqueue",
			"POST /api/v1/events/ingest/zabbix", "POST /api/v1/events/ingest/generic");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	@Test
	void everyApiEndpointNeedsASignInAndItsPermission() throws Exception {
		IdentityFixtures fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		IdentityFixtures.SignedIn nobody = fixtures.signedInUser("sweep");
		Browser anonymousBrowser = fixtures.browser();
		List<String> unclassified = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		Set<String> seen = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mapping.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = entry.getKey();
			HandlerMethod handler = entry.getValue();
			boolean annotated = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
					RequiresPermission.class) != null
					|| AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(),
							RequiresPermission.class) != null;
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/api/")) {
					continue;
				}
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					String endpoint = method + " " + pattern;
					seen.add(endpoint);
					if (PUBLIC.contains(endpoint)) {
						continue;
					}
					if (INTEGRATION_TOKEN.contains(endpoint)) {
						int withoutToken = nobody.browser()
							.perform(request(method, pattern, MediaType.APPLICATION_JSON), true)
							.status();
						if (withoutToken != 401) {
							failures.add(endpoint + " without an integration token answered " + withoutToken);
						}
						continue;
					}
					boolean authenticatedOnly = AUTHENTICATED_ONLY.contains(endpoint);
					if (!annotated && !authenticatedOnly) {
						unclassified.add(endpoint);
						continue;
					}
					MediaType contentType = info.getConsumesCondition()
						.getConsumableMediaTypes()
						.stream()
						.filter((t) -> !t.isWildcardType() && !t.isWildcardSubtype())
						.findFirst()
						.orElse(MediaType.APPLICATION_JSON);
					String path = concrete(pattern);
					boolean withCsrf = method != RequestMethod.GET;
					Browser.Response anonymous = anonymousBrowser.perform(request(method, path, contentType), withCsrf);
					if (anonymous.status() != 401 || !"auth.required".equals(anonymous.code())) {
						failures.add(endpoint + " anonymously answered " + anonymous.status() + " " + anonymous.code()
								+ " instead of 401 auth.required");
					}
					Browser.Response response = nobody.browser().perform(request(method, path, contentType), withCsrf);
					int signedIn = response.status();
					if (annotated && (signedIn != 403 || !"auth.forbidden".equals(response.code()))) {
						failures.add(endpoint + " without the permission answered " + signedIn + " " + response.code()
								+ " instead of 403 auth.forbidden");
					}
					if (!annotated && (signedIn == 401 || signedIn == 403)) {
						failures.add(endpoint + " refused a signed-in user with " + signedIn);
					}
				}
			}
		}
		assertThat(unclassified).as("endpoints with neither @RequiresPermission nor a place on AUTHENTICATED_ONLY")
			.isEmpty();
		assertThat(failures).isEmpty();
		assertThat(seen).as("the sweep found the identity endpoints")
			.contains("GET /api/v1/users", "POST /api/v1/role-assignments", "DELETE /api/v1/me/tokens/{id}");
		assertThat(seen).containsAll(PUBLIC).containsAll(AUTHENTICATED_ONLY).containsAll(INTEGRATION_TOKEN);
	}

	private static MockHttpServletRequestBuilder request(RequestMethod method, String path, MediaType contentType) {
		MockHttpServletRequestBuilder builder = MockMvcRequestBuilders.request(HttpMethod.valueOf(method.name()), path);
		if (method != RequestMethod.GET && method != RequestMethod.HEAD && method != RequestMethod.OPTIONS) {
			builder.contentType(contentType).content("{}");
		}
		return builder;
	}

	private static String concrete(String pattern) {
		return pattern.replaceAll("\\{[^}/]*:[^}]*\\}", "1").replaceAll("\\{[^}/]+\\}", UUID.randomUUID().toString());
	}

}
