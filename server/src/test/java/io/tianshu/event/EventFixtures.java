package io.tianshu.event;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Integrations and users for the event center's tests. */
final class EventFixtures {

	private EventFixtures() {
	}

	static RequestPostProcessor operator() {
		return user("event-operator").authorities(new SimpleGrantedAuthority(EventPermissions.ALERT_READ),
				new SimpleGrantedAuthority(EventPermissions.ALERT_WRITE),
				new SimpleGrantedAuthority(EventPermissions.INTEGRATION_MANAGE),
				new SimpleGrantedAuthority(EventPermissions.RULE_MANAGE));
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	record Created(String id, String token) {
	}

	static Created integration(MockMvc mvc, String kind, String settings) throws Exception {
		String body = """
				{"name": "%s %s", "kind": "%s", "settings": %s}""".formatted(kind, suffix(), kind,
				(settings != null) ? settings : "{}");
		String response = mvc
			.perform(post("/api/v1/events/integrations").with(operator())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return new Created(JsonPath.read(response, "$.id"), JsonPath.read(response, "$.token"));
	}

}
