package io.tianshu.platform.guard;

import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.PlatformPermissions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TianshuIntegrationTest
class GuardApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private static RequestPostProcessor admin() {
		return user("guard-admin").authorities(new SimpleGrantedAuthority(PlatformPermissions.GUARD_READ),
				new SimpleGrantedAuthority(PlatformPermissions.GUARD_WRITE),
				new SimpleGrantedAuthority(PlatformPermissions.GUARD_EVALUATE));
	}

	private String create(String body) throws Exception {
		String response = this.mvc
			.perform(post("/api/v1/guard/policies").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return com.jayway.jsonpath.JsonPath.read(response, "$.id");
	}

	@Test
	void marketHoursPolicyDeniesAndEmergencyNeedsApproval() throws Exception {
		// a unique environment keeps other tests' policies out of the way
		String env = "prod-" + UUID.randomUUID().toString().substring(0, 8);
		String id = create("""
				{"name": "market %s", "kind": "MARKET_HOURS", "environments": ["%s"],
				 "config": {"calendar": "CN-A"}, "description": "no changes while trading"}""".formatted(env, env));
		this.mvc.perform(get("/api/v1/guard/policies/" + id).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.kind").value("MARKET_HOURS"))
			.andExpect(jsonPath("$.enabled").value(true))
			.andExpect(jsonPath("$.config.calendar").value("CN-A"));
		String request = """
				{"operationKind": "automation.job.run", "environment": "%s", "risk": "HIGH",
				 "at": "2025-10-09T10:00:00+08:00", "sourceAddress": "10.0.0.1"%s}""";
		this.mvc
			.perform(post("/api/v1/guard/evaluate").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(request.formatted(env, "")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.decision").value("DENY"))
			.andExpect(jsonPath("$.reasons[0].policyId").value(id))
			.andExpect(jsonPath("$.reasons[0].code").value("guard.market-hours.in-session"));
		this.mvc
			.perform(post("/api/v1/guard/evaluate").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(request.formatted(env, ", \"emergency\": true, \"reason\": \"INC-7 outage\"")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.decision").value("REQUIRE_APPROVAL"));
		this.mvc
			.perform(post("/api/v1/guard/evaluate").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"operationKind": "automation.job.run", "environment": "%s", "risk": "HIGH",
						 "at": "2025-10-11T10:00:00+08:00"}""".formatted(env)))
			.andExpect(jsonPath("$.decision").value("ALLOW"))
			.andExpect(jsonPath("$.reasons.length()").value(0));
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM platform.audit_record WHERE action = 'platform.guard.decided'
				AND after->'request'->>'environment' = ?""").param(env).query(Long.class).single()).isEqualTo(3);
		assertThat(this.jdbc.sql("""
				SELECT outcome FROM platform.audit_record WHERE action = 'platform.guard.decided'
				AND after->'request'->>'environment' = ? AND after->'decision'->>'decision' = 'DENY'""")
			.param(env)
			.query(String.class)
			.single()).isEqualTo("DENIED");
	}

	@Test
	void updatesAndDeletesPoliciesWithAudit() throws Exception {
		String env = "uat-" + UUID.randomUUID().toString().substring(0, 8);
		String id = create("""
				{"name": "allow %s", "kind": "SOURCE_ALLOWLIST", "environments": ["%s"],
				 "operationKinds": ["automation.*"], "config": {"cidrs": ["10.0.0.0/8"]}}""".formatted(env, env));
		String evaluate = """
				{"operationKind": "automation.job.run", "environment": "%s", "risk": "LOW",
				 "sourceAddress": "192.168.0.1"}""".formatted(env);
		this.mvc
			.perform(post("/api/v1/guard/evaluate").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(evaluate))
			.andExpect(jsonPath("$.decision").value("DENY"));
		this.mvc
			.perform(put("/api/v1/guard/policies/" + id).with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "allow %s", "kind": "SOURCE_ALLOWLIST", "enabled": false, "environments": ["%s"],
						 "operationKinds": ["automation.*"], "config": {"cidrs": ["10.0.0.0/8"]}}""".formatted(env,
						env)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(false));
		this.mvc
			.perform(post("/api/v1/guard/evaluate").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(evaluate))
			.andExpect(jsonPath("$.decision").value("ALLOW"));
		this.mvc.perform(delete("/api/v1/guard/policies/" + id).with(admin()).with(csrf()))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/guard/policies/" + id).with(admin())).andExpect(status().isNotFound());
		assertThat(this.jdbc.sql("""
				SELECT string_agg(action, ',' ORDER BY id) FROM platform.audit_record
				WHERE target_type = 'guard-policy' AND target_id = ?""").param(id).query(String.class).single())
			.isEqualTo("platform.guard.policy.created,platform.guard.policy.updated,platform.guard.policy.deleted");
	}

	@Test
	void rejectsInvalidPoliciesWithFieldErrors() throws Exception {
		this.mvc
			.perform(post("/api/v1/guard/policies").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "", "kind": "MARKET_HOURS", "environments": ["Prod Env"],
						 "config": {"calendar": "CN-WORK"}}"""))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(jsonPath("$.errors[1].field").value("environments[0]"))
			.andExpect(jsonPath("$.errors[2].field").value("config.calendar"))
			.andExpect(jsonPath("$.errors[2].code").value("guard.policy.calendar-not-trading"));
		this.mvc
			.perform(post("/api/v1/guard/policies").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "w", "kind": "WINDOW", "config": {"mode": "ALLOW", "windows": []}}"""))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("config.windows"));
		this.mvc
			.perform(post("/api/v1/guard/evaluate").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"environment\": \"prod\", \"risk\": \"EXTREME\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("risk"));
		this.mvc
			.perform(post("/api/v1/guard/evaluate").with(admin())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"environment\": \"prod\", \"risk\": \"LOW\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("operationKind"));
	}

	@Autowired
	GuardDemoData demoData;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate tx;

	@Test
	void demoPoliciesAreValid() {
		// loaded inside a rolled-back transaction so other tests never see them
		this.tx.executeWithoutResult((status) -> {
			this.demoData.load();
			assertThat(this.jdbc.sql("SELECT kind FROM platform.guard_policy WHERE environments @> '[\"prod\"]'")
				.query(String.class)
				.list()).contains("MARKET_HOURS", "WINDOW");
			status.setRollbackOnly();
		});
	}

	@Test
	void requiresPermissions() throws Exception {
		RequestPostProcessor reader = user("r").authorities(new SimpleGrantedAuthority(PlatformPermissions.GUARD_READ));
		this.mvc.perform(get("/api/v1/guard/policies").with(reader)).andExpect(status().isOk());
		this.mvc
			.perform(post("/api/v1/guard/policies").with(reader)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/v1/guard/evaluate").with(reader)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/guard/policies").with(user("n").authorities(new SimpleGrantedAuthority("x"))))
			.andExpect(status().isForbidden());
	}

}
