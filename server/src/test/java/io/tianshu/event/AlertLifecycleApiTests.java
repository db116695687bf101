package io.tianshu.event;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.tianshu.TianshuIntegrationTest;
import io.tianshu.cmdb.CmdbPermissions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static io.tianshu.event.EventFixtures.operator;
import static io.tianshu.event.EventFixtures.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TianshuIntegrationTest
class AlertLifecycleApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private long fire(EventFixtures.Created integration, String labels) throws Exception {
		this.mvc
			.perform(post("/api/v2/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + integration.token())
				.contentType(MediaType.APPLICATION_JSON)
				.content("[{\"labels\": " + labels + ", \"annotations\": {\"summary\": \"=cmd|' /C calc'!A0\"}}]"))
			.andExpect(status().isOk());
		String list = this.mvc
			.perform(get("/api/v1/events/alerts").param("integration", integration.id()).with(operator()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return ((Number) JsonPath.read(list, "$.items[0].id")).longValue();
	}

	private ResultActions act(long id, String action, String body) throws Exception {
		return this.mvc.perform(post("/api/v1/events/alerts/" + id + "/" + action).with(operator())
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	@Test
	void lifecycleTransitionsAreCheckedAuditedAndOnTheTimeline() throws Exception {
		var integration = EventFixtures.integration(this.mvc, "prometheus", null);
		long id = fire(integration, "{\"alertname\": \"Lifecycle" + suffix() + "\"}");
		act(id, "acknowledge", "{\"comment\": \"looking\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("ACKNOWLEDGED"))
			.andExpect(jsonPath("$.acknowledgedBy").value("event-operator"));
		act(id, "acknowledge", "{}").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("event.alert.transition-invalid"));
		act(id, "assign", "{\"user\": \"zhangsan\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.assigneeUser").value("zhangsan"));
		act(id, "comments", "{\"comment\": \"DBA paged\"}").andExpect(status().isOk());
		act(id, "comments", "{\"comment\": \" \"}").andExpect(status().isUnprocessableContent());
		act(id, "resolve", "{}").andExpect(status().isOk()).andExpect(jsonPath("$.state").value("RESOLVED"));
		act(id, "acknowledge", "{}").andExpect(status().isConflict());
		act(id, "resolve", "{}").andExpect(status().isConflict());
		act(id, "close", "{}").andExpect(status().isOk()).andExpect(jsonPath("$.state").value("CLOSED"));
		act(id, "close", "{}").andExpect(status().isConflict());
		act(id, "resolve", "{}").andExpect(status().isConflict());
		this.mvc.perform(get("/api/v1/events/alerts/" + id).with(operator()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.alert.state").value("CLOSED"))
			.andExpect(jsonPath("$.timeline[*].kind", hasItems("RECEIVED", "STATE_CHANGED", "ASSIGNED", "COMMENTED")))
			.andExpect(jsonPath("$.timeline[*].toState", hasItems("OPEN", "ACKNOWLEDGED", "RESOLVED", "CLOSED")));
		assertThat(this.jdbc
			.sql("SELECT action FROM platform.audit_record WHERE target_type = 'alert' AND target_id = ? ORDER BY seq")
			.param(Long.toString(id))
			.query(String.class)
			.list()).containsExactly("event.alert.acknowledged", "event.alert.assigned", "event.alert.commented",
					"event.alert.resolved", "event.alert.closed");
		this.mvc.perform(get("/api/v1/events/alerts/999999999").with(operator())).andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/v1/events/alerts/" + id + "/acknowledge")
				.with(user("reader").authorities(new SimpleGrantedAuthority(EventPermissions.ALERT_READ)))
				.with(csrf()))
			.andExpect(status().isForbidden());
	}

	@Test
	void aResolvedAlertFiringAgainReopensAndFlappingIsFlagged() throws Exception {
		var integration = EventFixtures.integration(this.mvc, "prometheus", null);
		String name = "Flap" + suffix();
		long id = fire(integration, "{\"alertname\": \"" + name + "\"}");
		for (int i = 0; i < 3; i++) {
			this.mvc
				.perform(post("/api/v2/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + integration.token())
					.contentType(MediaType.APPLICATION_JSON)
					.content("[{\"labels\": {\"alertname\": \"" + name + "\"}, \"startsAt\": \"2025-01-01T00:0" + i
							+ ":00Z\", \"endsAt\": \"2025-01-01T00:0" + i + ":30Z\"}]"))
				.andExpect(status().isOk());
			fire(integration, "{\"alertname\": \"" + name + "\"}");
		}
		String list = this.mvc
			.perform(get("/api/v1/events/alerts").param("integration", integration.id()).with(operator()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((List<?>) JsonPath.read(list, "$.items")).as("reopened, not new").hasSize(1);
		assertThat(((Number) JsonPath.read(list, "$.items[0].id")).longValue()).isEqualTo(id);
		assertThat((String) JsonPath.read(list, "$.items[0].state")).isEqualTo("OPEN");
		assertThat((Boolean) JsonPath.read(list, "$.items[0].flapping")).isTrue();
		assertThat((Integer) JsonPath.read(list, "$.items[0].occurrences")).isEqualTo(4);
	}

	@Test
	void newAlertsAreAttributedToTheirCiAndBusinessSystemThroughTheCmdb() throws Exception {
		var cmdb = user("cmdb").authorities(new SimpleGrantedAuthority(CmdbPermissions.CI_READ),
				new SimpleGrantedAuthority(CmdbPermissions.CI_WRITE),
				new SimpleGrantedAuthority(CmdbPermissions.RELATION_WRITE));
		String s = suffix();
		String host = ci(cmdb, "host", "enrich-" + s,
				"{\"hostname\": \"enrich-" + s + "\", \"ip_address\": \"10.9.0.7\"}");
		String app = ci(cmdb, "application", "App " + s,
				"{\"app_code\": \"APP_" + s.toUpperCase().replaceAll("[^A-Z0-9]", "X") + "\"}");
		String system = ci(cmdb, "business_system", "集中交易 " + s, """
				{"system_code": "SYS_%s", "business_grade": "A", "rto_minutes": 30, "rpo_minutes": 0}"""
			.formatted(s.toUpperCase().replaceAll("[^A-Z0-9]", "X")));
		relate(cmdb, "runs_on", app, host);
		relate(cmdb, "contains", system, app);
		var integration = EventFixtures.integration(this.mvc, "prometheus", null);
		long id = fire(integration, "{\"alertname\": \"NodeDown\", \"instance\": \"enrich-" + s + ":9100\"}");
		this.mvc.perform(get("/api/v1/events/alerts/" + id).with(operator()))
			.andExpect(jsonPath("$.alert.ciId").value(host))
			.andExpect(jsonPath("$.alert.businessSystemId").value(system))
			.andExpect(jsonPath("$.timeline[*].kind", hasItems("ENRICHED")));
		this.mvc.perform(get("/api/v1/events/alerts").param("businessSystem", system).with(operator()))
			.andExpect(jsonPath("$.items[0].id").value(id));
		this.mvc.perform(get("/api/v1/events/alerts/facets").param("integration", integration.id()).with(operator()))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.state.OPEN").value(1))
			.andExpect(jsonPath("$.businessSystem['" + system + "']").value(1));
	}

	@Test
	void listFiltersByLabelMatchersAndExportsGuardedCsv() throws Exception {
		var integration = EventFixtures.integration(this.mvc, "prometheus", null);
		String name = "Csv" + suffix();
		fire(integration, "{\"alertname\": \"" + name + "\", \"team\": \"dba\"}");
		this.mvc
			.perform(get("/api/v1/events/alerts").param("matcher", "alertname=" + name)
				.param("matcher", "team=~db.*")
				.with(operator()))
			.andExpect(jsonPath("$.items.length()").value(1));
		this.mvc
			.perform(get("/api/v1/events/alerts").param("matcher", "alertname=" + name)
				.param("matcher", "team!=dba")
				.with(operator()))
			.andExpect(jsonPath("$.items.length()").value(0));
		this.mvc.perform(get("/api/v1/events/alerts").param("matcher", "nonsense").with(operator()))
			.andExpect(status().isUnprocessableContent());
		this.mvc.perform(get("/api/v1/events/alerts").param("state", "BOGUS").with(operator()))
			.andExpect(status().isUnprocessableContent());
		String csv = this.mvc
			.perform(get("/api/v1/events/alerts/export.csv").param("integration", integration.id()).with(operator()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String[] lines = csv.split("\r\n");
		assertThat(lines).hasSize(2);
		assertThat(lines[0]).startsWith("id,state,status,severity");
		assertThat(lines[1]).contains(",'=cmd|' /C calc'!A0,").doesNotContain(",=cmd");
	}

	private String ci(org.springframework.test.web.servlet.request.RequestPostProcessor who, String model, String name,
			String attributes) throws Exception {
		String response = this.mvc
			.perform(post("/api/v1/cmdb/cis").with(who)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"model\": \"%s\", \"name\": \"%s\", \"state\": \"IN_USE\", \"attributes\": %s}"
					.formatted(model, name, attributes)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(response, "$.id");
	}

	private void relate(org.springframework.test.web.servlet.request.RequestPostProcessor who, String type,
			String source, String target) throws Exception {
		this.mvc
			.perform(post("/api/v1/cmdb/relations").with(who)
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\": \"%s\", \"sourceId\": \"%s\", \"targetId\": \"%s\"}".formatted(type, source,
						target)))
			.andExpect(status().isCreated());
	}

}
