package io.tianshu.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.tianshu.TianshuIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static io.tianshu.event.EventFixtures.operator;
import static io.tianshu.event.EventFixtures.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TianshuIntegrationTest
class EventIngestApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventProbe probe;

	@Autowired
	MeterRegistry meters;

	/**
	 * A webhook body as Alertmanager 0.25+ sends it, with fields Tianshu does not use.
	 */
	static String webhook(String status, String fingerprint, String alertname, String endsAt) {
		return """
				{"receiver": "tianshu", "status": "%1$s",
				 "alerts": [{"status": "%1$s",
				   "labels": {"alertname": "%3$s", "instance": "db01:9100", "severity": "critical", "job": "node"},
				   "annotations": {"summary": "Disk latency high on db01", "runbook_url": "https://wiki/runbook"},
				   "startsAt": "2025-03-01T08:00:00.123456789Z", "endsAt": "%4$s",
				   "generatorURL": "http://prometheus:9090/graph?g0.expr=node_disk_io_time",
				   "fingerprint": "%2$s"}],
				 "groupLabels": {"alertname": "%3$s"},
				 "commonLabels": {"alertname": "%3$s", "severity": "critical"},
				 "commonAnnotations": {"summary": "Disk latency high on db01"},
				 "externalURL": "http://alertmanager:9093", "version": "4",
				 "groupKey": "{}/{severity=\\"critical\\"}:{alertname=\\"%3$s\\"}", "truncatedAlerts": 0,
				 "notification_reason": "new", "routeLabels": {"team": "dba"}}""".formatted(status, fingerprint,
				alertname, endsAt);
	}

	ResultActions ingest(String path, String token, String body) throws Exception {
		return this.mvc.perform(post(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	String alerts(String integrationId) throws Exception {
		return this.mvc.perform(get("/api/v1/events/alerts").param("integration", integrationId).with(operator()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	Map<String, Object> stats(String integrationId) throws Exception {
		String body = this.mvc.perform(get("/api/v1/events/integrations/" + integrationId + "/stats").with(operator()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(body, "$.counters");
	}

	@Test
	void alertmanagerWebhookKeepsFingerprintAndGroupKeyAndIsIdempotent() throws Exception {
		var integration = EventFixtures.integration(this.mvc, "alertmanager", null);
		String fingerprint = "0123456789abcdef";
		String name = "DiskLatency" + suffix();
		ingest("/api/v1/events/ingest/alertmanager", integration.token(),
				webhook("firing", fingerprint, name, "0001-01-01T00:00:00Z"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.accepted").value(1));
		String list = alerts(integration.id());
		assertThat((List<?>) JsonPath.read(list, "$.items")).hasSize(1);
		assertThat((String) JsonPath.read(list, "$.items[0].fingerprint")).isEqualTo(fingerprint);
		assertThat((String) JsonPath.read(list, "$.items[0].groupKey")).contains(name);
		assertThat((String) JsonPath.read(list, "$.items[0].severity")).isEqualTo("CRITICAL");
		assertThat((String) JsonPath.read(list, "$.items[0].state")).isEqualTo("OPEN");
		assertThat((String) JsonPath.read(list, "$.items[0].summary")).isEqualTo("Disk latency high on db01");
		assertThat((String) JsonPath.read(list, "$.items[0].startsAt")).isEqualTo("2025-03-01T08:00:00.123457Z");
		Integer id = JsonPath.read(list, "$.items[0].id");

		// Alertmanager re-sends the group at every repeat_interval: same content, one
		// alert
		ingest("/api/v1/events/ingest/alertmanager", integration.token(),
				webhook("firing", fingerprint, name, "0001-01-01T00:00:00Z"))
			.andExpect(status().isOk());
		list = alerts(integration.id());
		assertThat((List<?>) JsonPath.read(list, "$.items")).hasSize(1);
		assertThat((Integer) JsonPath.read(list, "$.items[0].occurrences")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(list, "$.items[0].duplicates")).isEqualTo(1);

		ingest("/api/v1/events/ingest/alertmanager", integration.token(),
				webhook("resolved", fingerprint, name, "2025-03-01T08:30:00Z"))
			.andExpect(status().isOk());
		list = alerts(integration.id());
		assertThat((List<?>) JsonPath.read(list, "$.items")).hasSize(1);
		assertThat((String) JsonPath.read(list, "$.items[0].state")).isEqualTo("RESOLVED");
		assertThat((String) JsonPath.read(list, "$.items[0].status")).isEqualTo("RESOLVED");
		assertThat((String) JsonPath.read(list, "$.items[0].endsAt")).isEqualTo("2025-03-01T08:30:00Z");
		await().untilAsserted(() -> {
			assertThat(this.probe.opened()).anyMatch((e) -> e.alertId() == id && !e.reopened());
			assertThat(this.probe.resolved()).anyMatch((e) -> e.alertId() == id && e.by().equals("source"));
		});
		Map<String, Object> counters = stats(integration.id());
		assertThat(((Number) counters.get("accepted")).longValue()).isEqualTo(2);
		assertThat(((Number) counters.get("duplicate")).longValue()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM event.raw_event WHERE alert_id = ?")
			.param(id.longValue())
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void alertmanagerWebhookAcceptsTheTokenAsBasicAuthPasswordAndQueryParameter() throws Exception {
		var integration = EventFixtures.integration(this.mvc, "alertmanager", null);
		String basic = java.util.Base64.getEncoder().encodeToString(("alertmanager:" + integration.token()).getBytes());
		this.mvc
			.perform(post("/api/v1/events/ingest/alertmanager").header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
				.contentType(MediaType.APPLICATION_JSON)
				.content(webhook("firing", "00000000000000aa", "Basic" + suffix(), "0001-01-01T00:00:00Z")))
			.andExpect(status().isOk());
		this.mvc
			.perform(post("/api/v1/events/ingest/alertmanager").param("token", integration.token())
				.contentType(MediaType.APPLICATION_JSON)
				.content(webhook("firing", "00000000000000bb", "Query" + suffix(), "0001-01-01T00:00:00Z")))
			.andExpect(status().isOk());
		assertThat((List<?>) JsonPath.read(alerts(integration.id()), "$.items")).hasSize(2);
	}

	@Test
	void prometheusPostsToTheAlertmanagerApiWithAlertmanagersFingerprint() throws Exception {
		var integration = EventFixtures.integration(this.mvc, "prometheus", null);
		String name = "HighLatency" + suffix();
		Instant started = Instant.now().minus(10, ChronoUnit.MINUTES);
		// what Prometheus' notifier posts: endsAt = now + 4 × resend delay for firing
		// alerts
		String body = """
				[{"labels": {"alertname": "%s", "instance": "db01:9100", "severity": "warning", "empty": ""},
				  "annotations": {"summary": "p99 latency above 500ms"},
				  "startsAt": "%s", "endsAt": "%s",
				  "generatorURL": "http://prometheus:9090/graph?g0.expr=latency"},
				 {"labels": {"alertname": "%s", "instance": "db02:9100"}, "startsAt": "%s"}]""".formatted(name, started,
				Instant.now().plus(4, ChronoUnit.MINUTES), name, started);
		ingest("/api/v2/alerts", integration.token(), body).andExpect(status().isOk());
		String list = alerts(integration.id());
		assertThat((List<?>) JsonPath.read(list, "$.items")).hasSize(2);
		List<String> fingerprints = JsonPath.read(list, "$.items[*].fingerprint");
		assertThat(fingerprints).contains(
				io.tianshu.event.ingest.FingerprintProbe
					.of(Map.of("alertname", name, "instance", "db01:9100", "severity", "warning")),
				io.tianshu.event.ingest.FingerprintProbe.of(Map.of("alertname", name, "instance", "db02:9100")));
		List<String> severities = JsonPath.read(list, "$.items[*].severity");
		assertThat(severities).containsExactlyInAnyOrder("WARNING", "WARNING");
		// Prometheus re-sends every evaluation with a new endsAt: one alert, a duplicate
		String resend = body.replaceFirst("\"endsAt\": \"[^\"]+\"",
				"\"endsAt\": \"" + Instant.now().plus(5, ChronoUnit.MINUTES) + "\"");
		ingest("/api/v2/alerts", integration.token(), resend).andExpect(status().isOk());
		list = alerts(integration.id());
		assertThat((List<?>) JsonPath.read(list, "$.items")).hasSize(2);
		assertThat((List<Integer>) JsonPath.read(list, "$.items[*].occurrences")).containsOnly(1);
		// a resolved alert is one whose endsAt has passed
		String resolved = """
				[{"labels": {"alertname": "%s", "instance": "db02:9100"}, "startsAt": "%s", "endsAt": "%s"}]"""
			.formatted(name, started, Instant.now().minusSeconds(5));
		ingest("/api/v2/alerts", integration.token(), resolved).andExpect(status().isOk());
		this.mvc
			.perform(get("/api/v1/events/alerts").param("integration", integration.id())
				.param("state", "RESOLVED")
				.with(operator()))
			.andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].labels.instance").value("db02:9100"));
	}

	@Test
	void pagerDutyEventsV2AnswersLikePagerDuty() throws Exception {
		var integration = EventFixtures.integration(this.mvc, "pagerduty", null);
		assertThat(integration.token()).matches("[0-9a-f]{32}");
		String dedup = "srv01/cpu-" + suffix();
		String trigger = """
				{"payload": {"summary": "CPU on srv01 above 95%%", "timestamp": "2025-03-01T08:00:00.000+08:00",
				   "severity": "error", "source": "srv01.example.com", "component": "mysql", "group": "prod-datapipe",
				   "class": "cpu", "custom_details": {"ping time": "1500ms", "load avg": 0.75}},
				 "routing_key": "%s", "dedup_key": "%s",
				 "images": [{"src": "https://chart.example.com/cpu.png", "href": "https://example.com/", "alt": "CPU"}],
				 "links": [{"href": "https://example.com/runbook", "text": "Runbook"}],
				 "event_action": "trigger", "client": "Sample Monitoring Service",
				 "client_url": "https://monitoring.example.com"}""".formatted(integration.token(), dedup);
		this.mvc
			.perform(post("/api/v1/events/ingest/pagerduty/v2/enqueue").contentType(MediaType.APPLICATION_JSON)
				.content(trigger))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.status").value("success"))
			.andExpect(jsonPath("$.message").value("Event processed"))
			.andExpect(jsonPath("$.dedup_key").value(dedup));
		String list = alerts(integration.id());
		assertThat((String) JsonPath.read(list, "$.items[0].fingerprint")).isEqualTo(dedup);
		assertThat((String) JsonPath.read(list, "$.items[0].severity")).isEqualTo("MAJOR");
		assertThat((String) JsonPath.read(list, "$.items[0].resource")).isEqualTo("srv01.example.com");
		assertThat((String) JsonPath.read(list, "$.items[0].labels.component")).isEqualTo("mysql");
		assertThat((String) JsonPath.read(list, "$.items[0].details['ping time']")).isEqualTo("1500ms");
		assertThat((List<?>) JsonPath.read(list, "$.items[0].links")).hasSize(3);
		this.mvc
			.perform(post("/api/v1/events/ingest/pagerduty/v2/enqueue").contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"routing_key": "%s", "dedup_key": "%s", "event_action": "acknowledge"}"""
					.formatted(integration.token(), dedup)))
			.andExpect(status().isAccepted());
		assertThat((String) JsonPath.read(alerts(integration.id()), "$.items[0].state")).isEqualTo("ACKNOWLEDGED");
		this.mvc
			.perform(post("/api/v1/events/ingest/pagerduty/v2/enqueue").header("X-Routing-Key", integration.token())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"dedup_key": "%s", "event_action": "resolve"}""".formatted(dedup)))
			.andExpect(status().isAccepted());
		assertThat((String) JsonPath.read(alerts(integration.id()), "$.items[0].state")).isEqualTo("RESOLVED");
		// without a dedup_key PagerDuty makes one and answers it
		this.mvc
			.perform(post("/api/v1/events/ingest/pagerduty/v2/enqueue").contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"routing_key": "%s", "event_action": "trigger",
						 "payload": {"summary": "x", "source": "y", "severity": "info"}}"""
					.formatted(integration.token())))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.dedup_key", matchesPattern("[0-9a-f]{32}")));
		// invalid events: 400 in PagerDuty's shape
		this.mvc
			.perform(post("/api/v1/events/ingest/pagerduty/v2/enqueue").contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"routing_key": "%s", "event_action": "trigger", "payload": {"severity": "fatal"}}"""
					.formatted(integration.token())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.status").value("invalid event"))
			.andExpect(jsonPath("$.message").value("Event object is invalid"))
			.andExpect(jsonPath("$.errors", hasSize(3)));
		this.mvc
			.perform(post("/api/v1/events/ingest/pagerduty/v2/enqueue").contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"routing_key": "%s", "event_action": "trigger",
						 "payload": {"summary": "%s", "source": "y", "severity": "info"}}"""
					.formatted(integration.token(), "s".repeat(1025))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0]").value(org.hamcrest.Matchers.containsString("summary")));
		this.mvc
			.perform(post("/api/v1/events/ingest/pagerduty/v2/enqueue").header("X-Routing-Key", integration.token())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"event_action\": \"resolve\", \"dedup_key\": \"" + "k".repeat(600 * 1024) + "\"}"))
			.andExpect(status().isPayloadTooLarge());
		this.mvc
			.perform(post("/api/v1/events/ingest/pagerduty/v2/enqueue").contentType(MediaType.APPLICATION_JSON)
				.content("{\"routing_key\": \"" + "0".repeat(32) + "\", \"event_action\": \"trigger\"}"))
			.andExpect(status().isUnauthorized());
		assertThat(stats(integration.id())).containsKeys("rejected.event.invalid");
	}

	@Test
	void zabbixProblemAndRecoveryShareTheEventId() throws Exception {
		var integration = EventFixtures.integration(this.mvc, "zabbix", "{\"timezone\": \"Asia/Shanghai\"}");
		String eventId = Long.toString(System.nanoTime() % 1_000_000_000L);
		// what docs/integrations/zabbix-media-type.yaml's script posts, macros expanded
		String problem = """
				{"event_id": "%s", "event_value": "1", "event_status": "PROBLEM", "event_update_status": "0",
				 "event_name": "High CPU utilization on trade-db01", "event_severity": "High", "event_nseverity": "4",
				 "event_date": "2025.03.01", "event_time": "16:00:00", "event_recovery_date": "{EVENT.RECOVERY.DATE}",
				 "event_recovery_time": "{EVENT.RECOVERY.TIME}", "event_source": "0", "event_ack": "No",
				 "event_tags": "[{\\"tag\\":\\"scope\\",\\"value\\":\\"performance\\"},{\\"tag\\":\\"component\\",\\"value\\":\\"cpu\\"}]",
				 "event_opdata": "Current utilization: 97 %%", "trigger_id": "23456",
				 "trigger_url": "", "host_name": "trade-db01", "host_host": "trade-db01", "host_ip": "10.1.2.3",
				 "zabbix_url": "https://zabbix.example.com/"}"""
			.formatted(eventId);
		ingest("/api/v1/events/ingest/zabbix", integration.token(), problem).andExpect(status().isOk());
		String list = alerts(integration.id());
		assertThat((String) JsonPath.read(list, "$.items[0].fingerprint")).isEqualTo(eventId);
		assertThat((String) JsonPath.read(list, "$.items[0].severity")).isEqualTo("MAJOR");
		assertThat((String) JsonPath.read(list, "$.items[0].labels.scope")).isEqualTo("performance");
		assertThat((String) JsonPath.read(list, "$.items[0].labels.ip")).isEqualTo("10.1.2.3");
		assertThat((String) JsonPath.read(list, "$.items[0].startsAt")).isEqualTo("2025-03-01T08:00:00Z");
		String recovery = problem.replace("\"event_value\": \"1\"", "\"event_value\": \"0\"")
			.replace("PROBLEM", "RESOLVED")
			.replace("{EVENT.RECOVERY.DATE}", "2025.03.01")
			.replace("{EVENT.RECOVERY.TIME}", "16:20:00");
		ingest("/api/v1/events/ingest/zabbix", integration.token(), recovery).andExpect(status().isOk());
		list = alerts(integration.id());
		assertThat((List<?>) JsonPath.read(list, "$.items")).hasSize(1);
		assertThat((String) JsonPath.read(list, "$.items[0].state")).isEqualTo("RESOLVED");
		assertThat((String) JsonPath.read(list, "$.items[0].endsAt")).isEqualTo("2025-03-01T08:20:00Z");
		ingest("/api/v1/events/ingest/zabbix", integration.token(), "{\"event_name\": \"x\"}")
			.andExpect(status().isUnprocessableContent());
	}

	@Test
	void genericJsonIsMappedByJsonPath() throws Exception {
		var integration = EventFixtures.integration(this.mvc, "generic-json", """
				{"alertsPath": "$.events[*]", "fingerprintFields": ["$.host", "$.check"], "status": "$.state",
				 "severity": "$.level", "summary": "$.title", "resource": "$.host", "labels": "$.tags",
				 "labelPaths": {"host": "$.host", "check": "$.check"}, "startsAt": "$.time"}""");
		String body = """
				{"source": "nagios", "events": [
				  {"host": "web01", "check": "http", "state": "CRITICAL", "level": "critical", "title": "HTTP down",
				   "tags": {"env": "prod"}, "time": 1740816000},
				  {"host": "web02", "check": "http", "state": "OK", "level": "info", "title": "HTTP up",
				   "time": "2025-03-01T08:00:00Z"}]}""";
		ingest("/api/v1/events/ingest/generic", integration.token(), body).andExpect(status().isOk())
			.andExpect(jsonPath("$.accepted").value(2));
		String list = alerts(integration.id());
		// the OK event resolves nothing known: only web01 is an alert
		assertThat((List<?>) JsonPath.read(list, "$.items")).hasSize(1);
		assertThat((String) JsonPath.read(list, "$.items[0].labels.env")).isEqualTo("prod");
		assertThat((String) JsonPath.read(list, "$.items[0].labels.host")).isEqualTo("web01");
		assertThat((String) JsonPath.read(list, "$.items[0].severity")).isEqualTo("CRITICAL");
		assertThat((String) JsonPath.read(list, "$.items[0].startsAt")).isEqualTo("2025-03-01T08:00:00Z");
		ingest("/api/v1/events/ingest/generic", integration.token(), body.replace("CRITICAL", "ok"))
			.andExpect(status().isOk());
		assertThat((String) JsonPath.read(alerts(integration.id()), "$.items[0].state")).isEqualTo("RESOLVED");
		// a mapping that finds no key refuses that alert
		ingest("/api/v1/events/ingest/generic", integration.token(), "{\"events\": [{\"title\": \"no key\"}]}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("event.ingest.alert-invalid"));
		// a mapping without a key is refused when saved
		this.mvc
			.perform(post("/api/v1/events/integrations").with(operator())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "bad %s", "kind": "generic-json", "settings": {"summary": "$.["}}"""
					.formatted(suffix())))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", hasItem("settings.fingerprint")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("settings.summary")));
	}

	@Test
	void badInputIsRefusedWithAReasonAndCounted() throws Exception {
		var integration = EventFixtures.integration(this.mvc, "prometheus", null);
		String token = integration.token();
		ingest("/api/v2/alerts", token, "[{\"labels\": {\"a\": ").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("request.malformed"));
		this.mvc
			.perform(post("/api/v2/alerts").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
				.contentType(MediaType.TEXT_PLAIN)
				.content("alert"))
			.andExpect(status().isUnsupportedMediaType());
		ingest("/api/v2/alerts", token, "[{\"labels\": {\"a\": \"" + "x".repeat(1_100_000) + "\"}}]")
			.andExpect(status().isPayloadTooLarge());
		ingest("/api/v2/alerts", token, "[{\"annotations\": {\"summary\": \"no labels\"}}]")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.alertErrors[0]").value(org.hamcrest.Matchers.containsString("labels.missing")));
		ingest("/api/v2/alerts", token, "[{\"labels\": {\"a\": \"b\"}, \"startsAt\": \"yesterday\"}]")
			.andExpect(status().isBadRequest());
		ingest("/api/v2/alerts", token, "[{\"labels\": {\"a\": \"future\"}, \"startsAt\": \""
				+ Instant.now().plus(3, ChronoUnit.HOURS) + "\"}]")
			.andExpect(status().isBadRequest());
		StringBuilder many = new StringBuilder("[{\"labels\": {");
		for (int i = 0; i < 65; i++) {
			many.append((i > 0) ? "," : "").append("\"l").append(i).append("\": \"v\"");
		}
		many.append("}}, {\"labels\": {\"alertname\": \"Valid").append(suffix()).append("\"}}]");
		ingest("/api/v2/alerts", token, many.toString()).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.accepted").value(1));
		ingest("/api/v2/alerts", token, "[{\"labels\": {\"a\": \"" + "v".repeat(2049) + "\"}}]")
			.andExpect(status().isBadRequest());
		ingest("/api/v2/alerts", token, "[{\"labels\": {\"bad-name\": \"v\"}}]").andExpect(status().isBadRequest());
		ingest("/api/v2/alerts", token, "{\"labels\": {}}").andExpect(status().isBadRequest());
		// the valid one of the mixed request is stored
		assertThat((List<?>) JsonPath.read(alerts(integration.id()), "$.items")).hasSize(1);
		Map<String, Object> counters = stats(integration.id());
		// bodies over tianshu.api.max-body-size are refused by the platform before
		// authentication
		assertThat(counters).containsKeys("rejected.json.malformed", "rejected.content-type", "rejected.labels.missing",
				"rejected.timestamp.invalid", "rejected.timestamp.future", "rejected.labels.too-many",
				"rejected.labels.value-too-long", "rejected.labels.name-invalid", "rejected.payload.invalid");
		// unknown, missing and disabled tokens: 401, counted
		long unknownBefore = unknown("rejected.token.unknown");
		ingest("/api/v2/alerts", "f".repeat(32), "[]").andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("event.integration.token-invalid"));
		assertThat(unknown("rejected.token.unknown")).isEqualTo(unknownBefore + 1);
		this.mvc.perform(post("/api/v2/alerts").contentType(MediaType.APPLICATION_JSON).content("[]"))
			.andExpect(status().isUnauthorized());
		// a platform session does not count on the ingest chain
		this.mvc.perform(post("/api/v2/alerts").with(operator()).contentType(MediaType.APPLICATION_JSON).content("[]"))
			.andExpect(status().isUnauthorized());
		this.mvc
			.perform(put("/api/v1/events/integrations/" + integration.id()).with(operator())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"disabled " + suffix() + "\", \"enabled\": false}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(false));
		ingest("/api/v2/alerts", token, "[]").andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("event.integration.disabled"));
		assertThat(stats(integration.id())).containsKey("rejected.integration.disabled");
		// a token of another kind is refused on this endpoint
		var zabbix = EventFixtures.integration(this.mvc, "zabbix", null);
		ingest("/api/v2/alerts", zabbix.token(), "[]").andExpect(status().isForbidden());
	}

	@Autowired
	io.tianshu.event.integration.IngestCounters counters;

	/** A counter of the unknown-token pseudo integration (stored plus pending). */
	private long unknown(String counter) {
		Object value = this.counters.read(new java.util.UUID(0, 0)).get(counter);
		return (value != null) ? ((Number) value).longValue() : 0;
	}

	@Test
	void concurrentPostsAreAllStoredBeforeTheyAreAcknowledgedInSharedTransactions() throws Exception {
		var integration = EventFixtures.integration(this.mvc, "alertmanager", null);
		double batchesBefore = this.meters.counter("tianshu.event.intake.batches").count();
		int posts = 50;
		ExecutorService pool = Executors.newFixedThreadPool(posts);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> results = new ArrayList<>();
		String name = "Parallel" + suffix();
		for (int i = 0; i < posts; i++) {
			String fingerprint = String.format("%016x", i + 1);
			results.add(pool.submit(() -> {
				start.await();
				return ingest("/api/v1/events/ingest/alertmanager", integration.token(),
						webhook("firing", fingerprint, name, "0001-01-01T00:00:00Z"))
					.andReturn()
					.getResponse()
					.getStatus();
			}));
		}
		start.countDown();
		for (Future<Integer> r : results) {
			assertThat(r.get()).isEqualTo(200);
		}
		pool.shutdown();
		// acknowledged means committed: no waiting
		assertThat(this.jdbc.sql("SELECT count(*) FROM event.alert WHERE integration_id = ?::uuid")
			.param(integration.id())
			.query(Long.class)
			.single()).isEqualTo(posts);
		double batches = this.meters.counter("tianshu.event.intake.batches").count() - batchesBefore;
		assertThat(batches).as("group commit shares transactions").isLessThan(posts);
	}

	@Test
	void dropAndTransformRulesApplyAtIntake() throws Exception {
		var integration = EventFixtures.integration(this.mvc, "prometheus", null);
		this.mvc
			.perform(post("/api/v1/events/rules").with(operator())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "drop test %s", "integrationId": "%s", "matchers": ["env=test"], "action": "DROP",
						 "position": 1}""".formatted(suffix(), integration.id())))
			.andExpect(status().isCreated());
		this.mvc
			.perform(post("/api/v1/events/rules").with(operator())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "dba %s", "integrationId": "%s", "matchers": ["job=~mysql.*"], "action": "TRANSFORM",
						 "setLabels": {"team": "dba"}, "renameLabels": {"dc": "datacenter"}, "setSeverity": "CRITICAL",
						 "position": 2}""".formatted(suffix(), integration.id())))
			.andExpect(status().isCreated());
		ingest("/api/v2/alerts", integration.token(), """
				[{"labels": {"alertname": "A", "env": "test"}},
				 {"labels": {"alertname": "B", "job": "mysql-exporter", "dc": "sh1"}}]""").andExpect(status().isOk());
		String list = alerts(integration.id());
		assertThat((List<?>) JsonPath.read(list, "$.items")).hasSize(1);
		assertThat((String) JsonPath.read(list, "$.items[0].labels.team")).isEqualTo("dba");
		assertThat((String) JsonPath.read(list, "$.items[0].labels.datacenter")).isEqualTo("sh1");
		assertThat((String) JsonPath.read(list, "$.items[0].severity")).isEqualTo("CRITICAL");
		assertThat(((Number) stats(integration.id()).get("dropped")).longValue()).isEqualTo(1);
		this.mvc
			.perform(post("/api/v1/events/rules").with(operator())
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"bad " + suffix() + "\", \"matchers\": [\"env=~(\"], \"action\": \"DROP\"}"))
			.andExpect(status().isUnprocessableContent());
	}

}
