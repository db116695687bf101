package io.tianshu.event.ingest;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tianshu.TianshuIntegrationTest;
import io.tianshu.event.EventPermissions;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Alertmanager endpoints are answered by {@link DirectIngestFilter} itself, never
 * handed on to Spring Security's chain and MVC, with the answers those give; anything
 * else on the paths is handed on.
 */
@TianshuIntegrationTest
class DirectIngestFilterTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FilterRegistrationBean<DirectIngestFilter> registration;

	@Autowired
	MeterRegistry meters;

	String token;

	String integration;

	final AtomicBoolean handedOn = new AtomicBoolean();

	final FilterChain chain = (request, response) -> this.handedOn.set(true);

	@BeforeEach
	void integration() throws Exception {
		String response = this.mvc
			.perform(post("/api/v1/events/integrations")
				.with(user("direct-ingest")
					.authorities(new SimpleGrantedAuthority(EventPermissions.INTEGRATION_MANAGE)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"direct " + UUID.randomUUID() + "\", \"kind\": \"prometheus\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		this.integration = JsonPath.read(response, "$.id");
		this.token = JsonPath.read(response, "$.token");
	}

	private MockHttpServletResponse send(String method, String path, String token, String body) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setRequestURI(path);
		if (token != null) {
			request.addHeader("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.setContentType(MediaType.APPLICATION_JSON_VALUE);
			request.setContent(body.getBytes(StandardCharsets.UTF_8));
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.registration.getFilter().doFilter(request, response, this.chain);
		return response;
	}

	@Test
	void storesPostedAlertsWithoutHandingTheRequestOn() throws Exception {
		String name = "Direct" + UUID.randomUUID().toString().replace("-", "");
		MockHttpServletResponse response = send("POST", "/api/v2/alerts", this.token,
				"[{\"labels\": {\"alertname\": \"" + name + "\", \"instance\": \"db01:9100\"}}]");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(this.handedOn).isFalse();
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM event.alert WHERE integration_id = ?::uuid AND labels->>'alertname' = ?")
			.params(this.integration, name)
			.query(Long.class)
			.single()).isEqualTo(1);
		// nothing of the integration's identity is left on the thread
		assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
	}

	@Test
	void answersBadInputAndBadTokensAsProblemDetails() throws Exception {
		double counted = malformedProblems();
		MockHttpServletResponse malformed = send("POST", "/api/v2/alerts", this.token, "[{\"labels\": ");
		// counted with the platform's other problem answers
		assertThat(malformedProblems()).isEqualTo(counted + 1);
		assertThat(malformed.getStatus()).isEqualTo(400);
		assertThat(MediaType.parseMediaType(malformed.getContentType())
			.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		String problem = malformed.getContentAsString();
		assertThat((String) JsonPath.read(problem, "$.code")).isEqualTo("request.malformed");
		assertThat((String) JsonPath.read(problem, "$.instance")).isEqualTo("/api/v2/alerts");

		MockHttpServletResponse invalid = send("POST", "/api/v2/alerts", this.token,
				"[{\"labels\": {\"alertname\": \"ok\"}}, {\"labels\": {}}]");
		assertThat(invalid.getStatus()).isEqualTo(400);
		assertThat((Integer) JsonPath.read(invalid.getContentAsString(), "$.accepted")).isEqualTo(1);

		MockHttpServletResponse unknown = send("POST", "/api/v1/events/ingest/alertmanager", "no-such-token", "{}");
		assertThat(unknown.getStatus()).isEqualTo(401);
		assertThat((String) JsonPath.read(unknown.getContentAsString(), "$.code"))
			.isEqualTo("event.integration.token-invalid");
		assertThat(this.handedOn).isFalse();
	}

	private double malformedProblems() {
		Counter counter = this.meters.find("tianshu.api.problems").tag("code", "request.malformed").counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void handsOnOtherMethods() throws Exception {
		send("GET", "/api/v2/alerts", this.token, null);
		assertThat(this.handedOn).isTrue();
	}

}
