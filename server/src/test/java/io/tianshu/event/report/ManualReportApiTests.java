package io.tianshu.event.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.tianshu.TianshuIntegrationTest;
import io.tianshu.cmdb.ChangeSource;
import io.tianshu.cmdb.CiDraft;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CiRelations;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.event.EventPermissions;
import io.tianshu.platform.Authorization;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Manual anomaly reports (人工上报): stored as alerts of source {@code manual} as the
 * reporting user, audited, attributed to the CI and its business system, validated, and
 * counted as missed by the monitoring unless a monitoring alert preceded them.
 */
@TianshuIntegrationTest
class ManualReportApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ConfigurationItems items;

	@Autowired
	CiRelations relations;

	@Autowired
	Authorization authorization;

	static RequestPostProcessor reporter() {
		return user("reporter").authorities(new SimpleGrantedAuthority(EventPermissions.ALERT_READ),
				new SimpleGrantedAuthority(EventPermissions.ALERT_WRITE));
	}

	@Test
	void aReportIsAnAuditedManualAlertOnTheCiAndItsBusinessSystemCountedAsMissed() throws Exception {
		String code = "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT);
		UUID[] ids = this.authorization.runAsSystem(() -> {
			UUID system = this.items
				.create(new CiDraft("business_system", "上报系统 " + code, null, null,
						Map.of("system_code", code, "business_grade", "B", "rto_minutes", 60, "rpo_minutes", 15)),
						ChangeSource.API)
				.id()
				.value();
			UUID app = this.items
				.create(new CiDraft("application", "上报应用 " + code, null, null, Map.of("app_code", code + "_APP")),
						ChangeSource.API)
				.id()
				.value();
			this.relations.create("contains", new CiId(system), new CiId(app), ChangeSource.API);
			return new UUID[] { system, app };
		});
		UUID system = ids[0];
		UUID app = ids[1];
		Instant startsAt = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		String body = report(Map.of("summary", "柜台反馈委托查询超时", "description", "营业部电话报告", "severity", "MAJOR", "startsAt",
				startsAt.toString(), "ciId", app.toString(), "labels", Map.of("channel", "phone")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.source").value("manual"))
			.andExpect(jsonPath("$.state").value("OPEN"))
			.andExpect(jsonPath("$.severity").value("MAJOR"))
			.andExpect(jsonPath("$.ciId").value(app.toString()))
			.andExpect(jsonPath("$.businessSystemId").value(system.toString()))
			.andExpect(jsonPath("$.labels.reported_by").value("reporter"))
			.andExpect(jsonPath("$.labels.channel").value("phone"))
			.andExpect(jsonPath("$.annotations.description").value("营业部电话报告"))
			.andExpect(jsonPath("$.startsAt").value(startsAt.toString()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		long id = ((Number) JsonPath.read(body, "$.id")).longValue();
		assertThat(this.jdbc
			.sql("SELECT actor_name FROM platform.audit_record WHERE action = 'event.alert.reported' AND target_id = ?")
			.param(Long.toString(id))
			.query(String.class)
			.list()).containsExactly("reporter");
		this.mvc.perform(get("/api/v1/events/alerts/" + id).with(reporter()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.timeline[*].actor", hasItem("reporter")))
			.andExpect(jsonPath("$.timeline[*].kind", hasItem("RECEIVED")));

		String range = "from=" + Instant.now().minus(1, ChronoUnit.HOURS) + "&to="
				+ Instant.now().plus(1, ChronoUnit.HOURS) + "&businessSystem=" + system;
		this.mvc.perform(get("/api/v1/events/analytics/indicators?" + range).with(reporter()))
			.andExpect(jsonPath("$.missedReporting.missed").value(1))
			.andExpect(jsonPath("$.missedReporting.rate").value(1.0));

		// the monitoring sees the application now; a later report on it was caught
		long monitored = this.jdbc.sql("SELECT nextval('event.alert_id_seq')").query(Long.class).single();
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc
			.sql("""
					INSERT INTO event.alert (id, first_seen, integration_id, source, fingerprint, status, state, severity,
					  summary, labels, annotations, links, starts_at, auto_resolve, last_seen, occurrences, duplicates,
					  last_hash, state_changed_at, ci_id, business_system_id, version)
					VALUES (?, ?, ?, 'prometheus', ?, 'FIRING', 'OPEN', 'MAJOR', 'app errors', '{}', '{}', '[]', ?, false, ?,
					  1, 0, 'h', ?, ?, ?, 1)""")
			.params(monitored, now, UUID.randomUUID(), "m-" + monitored, now, now, now, app, system)
			.update();
		report(Map.of("summary", "又有营业部反馈", "severity", "MINOR", "startsAt", Instant.now().toString(), "ciId",
				app.toString()))
			.andExpect(status().isCreated());
		this.mvc.perform(get("/api/v1/events/analytics/indicators?" + range).with(reporter()))
			.andExpect(jsonPath("$.missedReporting.missed").value(1))
			.andExpect(jsonPath("$.missedReporting.caught").value(1))
			.andExpect(jsonPath("$.missedReporting.anomalies").value(2))
			.andExpect(jsonPath("$.missedReporting.rate").value(0.5));
	}

	@Test
	void badReportsAnswer422() throws Exception {
		report(Map.of("description", "no summary")).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", hasItem("summary")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("severity")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("startsAt")));
		report(Map.of("summary", "future", "severity", "MAJOR", "startsAt",
				Instant.now().plus(1, ChronoUnit.HOURS).toString()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("event.report.starts-in-future"));
		report(Map.of("summary", "unknown ci", "severity", "MAJOR", "startsAt", Instant.now().toString(), "ciId",
				UUID.randomUUID().toString()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("ciId"))
			.andExpect(jsonPath("$.errors[0].code").value("event.report.ci-unknown"));
		report(Map.of("summary", "x", "severity", "MAJOR", "startsAt", Instant.now().toString(), "labels",
				Map.of("reported_by", "someone else")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("labels"));
		this.mvc
			.perform(post("/api/v1/events/alerts")
				.with(user("reader").authorities(new SimpleGrantedAuthority(EventPermissions.ALERT_READ)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isForbidden());
	}

	private ResultActions report(Map<String, Object> report) throws Exception {
		return this.mvc.perform(post("/api/v1/events/alerts").with(reporter())
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(report)));
	}

}
