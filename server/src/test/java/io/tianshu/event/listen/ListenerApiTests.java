package io.tianshu.event.listen;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.event.EventPermissions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /api/v1/events/listeners} in the shared test context, whose configuration
 * (like {@code --no-demo}) leaves both listeners off: they are listed as disabled, an
 * unknown protocol and a caller without the integrations permission get problem details.
 * The state of running listeners is covered by {@link SyslogListenerTests} and
 * {@link ListenerConfigurationTests}, and in the browser by the event journey.
 */
@TianshuIntegrationTest
class ListenerApiTests {

	@Autowired
	MockMvc mvc;

	private static RequestPostProcessor integrationManager() {
		return user("listener-reader").authorities(new SimpleGrantedAuthority(EventPermissions.INTEGRATION_MANAGE));
	}

	@Test
	void bothListenersAreListedAndSayTheyAreOff() throws Exception {
		this.mvc.perform(get("/api/v1/events/listeners").with(integrationManager()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].protocol", contains("syslog", "snmp")))
			.andExpect(jsonPath("$[*].enabled", contains(false, false)))
			.andExpect(jsonPath("$[0].endpoints").isEmpty())
			.andExpect(jsonPath("$[0].received").value(0))
			.andExpect(jsonPath("$[0].stored").value(0))
			.andExpect(jsonPath("$[0].rejectedByReason").isEmpty())
			.andExpect(jsonPath("$[0].startedAt").doesNotExist())
			.andExpect(jsonPath("$[0].lastMessageAt").doesNotExist());
		this.mvc.perform(get("/api/v1/events/listeners/snmp").with(integrationManager()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.protocol").value("snmp"))
			.andExpect(jsonPath("$.enabled").value(false));
	}

	@Test
	void anUnknownListenerIsAProblem() throws Exception {
		this.mvc.perform(get("/api/v1/events/listeners/netflow").with(integrationManager()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://tianshu.io/problems/event.listener.not-found"))
			.andExpect(jsonPath("$.code").value("event.listener.not-found"))
			.andExpect(jsonPath("$.status").value(404));
	}

	@Test
	void readingThemNeedsThePermissionOfIntegrations() throws Exception {
		this.mvc
			.perform(get("/api/v1/events/listeners")
				.with(user("alert-reader").authorities(new SimpleGrantedAuthority(EventPermissions.ALERT_READ))))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("auth.forbidden"));
		this.mvc.perform(get("/api/v1/events/listeners"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("auth.required"));
	}

}
