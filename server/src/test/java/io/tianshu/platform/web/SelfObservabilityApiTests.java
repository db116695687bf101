package io.tianshu.platform.web;

import io.tianshu.TianshuIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TianshuIntegrationTest
class SelfObservabilityApiTests {

	@Autowired
	MockMvc mvc;

	private static RequestPostProcessor operator() {
		return user("observer").authorities(new SimpleGrantedAuthority("platform.system.read"),
				new SimpleGrantedAuthority("platform.metrics.read"));
	}

	@Test
	void openApiDescribesTianshuWithBearerAndSessionSchemes() throws Exception {
		this.mvc.perform(get("/v3/api-docs").with(operator()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.info.title").value("Tianshu"))
			.andExpect(jsonPath("$.info.version").value(not(emptyOrNullString())))
			.andExpect(jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
			.andExpect(jsonPath("$.components.securitySchemes.session.in").value("cookie"))
			.andExpect(jsonPath("$.paths['/api/v1/secrets']").exists());
	}

	@Test
	void infoHasVersionAndProbesAreUp() throws Exception {
		this.mvc.perform(get("/actuator/info").with(operator()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tianshu.version").value(not(emptyOrNullString())))
			.andExpect(jsonPath("$.tianshu.startedAt").exists());
		this.mvc.perform(get("/actuator/health/readiness").with(operator()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"))
			.andExpect(jsonPath("$.components.db.status").value("UP"));
		this.mvc.perform(get("/actuator/health/liveness").with(operator()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
	}

}
