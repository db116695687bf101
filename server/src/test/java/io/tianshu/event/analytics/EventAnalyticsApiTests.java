package io.tianshu.event.analytics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.event.EventPermissions;
import io.tianshu.event.report.ManualReports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Analytics on crafted alerts and raw events of one day far in the future (2040), so
 * nothing else the shared database holds falls into the range: exact counts per bucket,
 * MTTA/MTTR with percentiles, noise reduction, top sources and rules, and the two 003
 * §5.5.2 indicators.
 */
@TianshuIntegrationTest
class EventAnalyticsApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private static final int BASE = ThreadLocalRandom.current().nextInt(0, 3000);

	private static final java.util.concurrent.atomic.AtomicInteger DAYS = new java.util.concurrent.atomic.AtomicInteger();

	Instant day;

	UUID prometheus;

	UUID zabbix;

	UUID system;

	UUID ci;

	String from;

	String to;

	static RequestPostProcessor reader() {
		return user("analyst").authorities(new SimpleGrantedAuthority(EventPermissions.ALERT_READ));
	}

	@BeforeEach
	void craft() {
		// a day of its own per test method: the crafted rows of one never fall into
		// another's range
		this.day = LocalDate.of(2040, 1, 1)
			.plusDays(BASE + DAYS.getAndIncrement())
			.atStartOfDay(ZoneOffset.UTC)
			.toInstant();
		this.from = this.day.toString();
		this.to = this.day.plusSeconds(3 * 3600).toString();
		this.prometheus = integration("prometheus");
		this.zabbix = integration("zabbix");
		this.system = UUID.randomUUID();
		this.ci = UUID.randomUUID();
		long a1 = alert(this.prometheus, "prometheus", "CRITICAL", "DbSlow", "g1", at(10), at(8), at(15), at(40), null,
				this.system);
		long a2 = alert(this.prometheus, "prometheus", "MAJOR", "DbSlow", "g1", at(20), at(5), at(21), at(30), null,
				this.system);
		long a3 = alert(this.prometheus, "prometheus", "WARNING", "Disk", "g2", at(90), at(90), null, at(150), null,
				null);
		long a4 = alert(this.zabbix, "zabbix", "WARNING", "Disk", null, at(105), at(104), null, null, this.ci, null);
		// caught: a monitoring alert on the same business system (a1, 00:10) preceded it
		long m1 = alert(ManualReports.INTEGRATION_ID, "manual", "MAJOR", null, null, at(50), at(30), null, null, null,
				this.system);
		// missed: nothing monitored its CI
		long m2 = alert(ManualReports.INTEGRATION_ID, "manual", "MINOR", null, null, at(110), at(100), null, null,
				UUID.randomUUID(), null);
		raw(this.prometheus, a1, at(10), "CREATED", "DUPLICATE", "DUPLICATE", "DUPLICATE", "RESOLVED");
		raw(this.prometheus, a2, at(20), "CREATED", "RESOLVED");
		raw(this.prometheus, a3, at(90), "CREATED", "RESOLVED");
		raw(this.zabbix, a4, at(105), "CREATED");
		raw(ManualReports.INTEGRATION_ID, m1, at(50), "CREATED");
		raw(ManualReports.INTEGRATION_ID, m2, at(110), "CREATED");
	}

	@Test
	void countsPerBucketAndDimension() throws Exception {
		call("/counts?bucket=hour&tz=UTC&by=severity&from=" + this.from + "&to=" + this.to).andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(6))
			.andExpect(jsonPath("$.buckets", hasSize(3)))
			.andExpect(jsonPath("$.buckets[0]")
				.value(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(this.day.atOffset(ZoneOffset.UTC))))
			.andExpect(jsonPath("$.series[?(@.key == 'MAJOR')].data[*]", contains(2, 0, 0)))
			.andExpect(jsonPath("$.series[?(@.key == 'WARNING')].data[*]", contains(0, 2, 0)))
			.andExpect(jsonPath("$.series[?(@.key == 'CRITICAL')].data[*]", contains(1, 0, 0)))
			.andExpect(jsonPath("$.series[?(@.key == 'MINOR')].data[*]", contains(0, 1, 0)))
			.andExpect(jsonPath("$.series[0].key").value("MAJOR"));
		call("/counts?bucket=hour&tz=UTC&by=source&from=" + this.from + "&to=" + this.to)
			.andExpect(jsonPath("$.series[?(@.key == 'prometheus')].total", contains(3)))
			.andExpect(jsonPath("$.series[?(@.key == 'manual')].total", contains(2)))
			.andExpect(jsonPath("$.series[?(@.key == 'zabbix')].data[*]", contains(0, 1, 0)));
		call("/counts?bucket=day&tz=UTC&by=businessSystem&from=" + this.from + "&to=" + this.to)
			.andExpect(jsonPath("$.buckets", hasSize(1)))
			.andExpect(jsonPath("$.series[?(@.key == '" + this.system + "')].total", contains(3)))
			.andExpect(jsonPath("$.series[?(@.key == 'none')].total", contains(3)));
		// filters narrow the alerts counted
		call("/counts?tz=UTC&by=severity&severity=warning&source=zabbix&from=" + this.from + "&to=" + this.to)
			.andExpect(jsonPath("$.total").value(1));
	}

	@Test
	void mttaAndMttrWithPercentilesOverallPerGroupAndAsATrend() throws Exception {
		call("/response-times?bucket=hour&tz=UTC&from=" + this.from + "&to=" + this.to).andExpect(status().isOk())
			.andExpect(jsonPath("$.alerts").value(6))
			.andExpect(jsonPath("$.unacknowledged").value(4))
			.andExpect(jsonPath("$.unresolved").value(3))
			.andExpect(jsonPath("$.mtta.count").value(2))
			.andExpect(jsonPath("$.mtta.mean").value(180.0))
			.andExpect(jsonPath("$.mtta.p50").value(180.0))
			.andExpect(jsonPath("$.mtta.p90").value(276.0))
			.andExpect(jsonPath("$.mtta.p95").value(288.0))
			.andExpect(jsonPath("$.mtta.max").value(300.0))
			.andExpect(jsonPath("$.mttr.count").value(3))
			.andExpect(jsonPath("$.mttr.mean").value(2000.0))
			.andExpect(jsonPath("$.mttr.p50").value(1800.0))
			.andExpect(jsonPath("$.mttr.p90").value(3240.0))
			.andExpect(jsonPath("$.mttr.max").value(3600.0))
			.andExpect(jsonPath("$.groups[?(@.key == '" + this.system + "')].alerts", contains(3)))
			.andExpect(jsonPath("$.groups[?(@.key == '" + this.system + "')].mtta.mean", contains(180.0)))
			.andExpect(jsonPath("$.groups[?(@.key == 'none')].mttr.mean", contains(3600.0)))
			.andExpect(jsonPath("$.series[0].key").value("mttaSeconds"))
			.andExpect(jsonPath("$.series[0].data[0]").value(180.0))
			.andExpect(jsonPath("$.series[0].data[1]").value(nullValue()))
			.andExpect(jsonPath("$.series[1].data[0]").value(1200.0))
			.andExpect(jsonPath("$.series[1].data[1]").value(3600.0));
		call("/response-times?by=source&tz=UTC&from=" + this.from + "&to=" + this.to)
			.andExpect(jsonPath("$.groups[?(@.key == 'prometheus')].mttr.count", contains(3)))
			.andExpect(jsonPath("$.groups[?(@.key == 'zabbix')].mttr.count", contains(0)));
	}

	@Test
	void noiseReductionFromRawEventsToAlertsAndGroups() throws Exception {
		boolean grouping = this.jdbc.sql("SELECT to_regclass('event.alert_group') IS NOT NULL")
			.query(Boolean.class)
			.single();
		ResultActions noise = call("/noise?bucket=hour&tz=UTC&from=" + this.from + "&to=" + this.to)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rawEvents").value(12))
			.andExpect(jsonPath("$.outcomes.DUPLICATE").value(3))
			.andExpect(jsonPath("$.outcomes.CREATED").value(6))
			.andExpect(jsonPath("$.alerts").value(6))
			.andExpect(jsonPath("$.senderGroups").value(2))
			.andExpect(jsonPath("$.eventsPerAlert").value(2.0))
			.andExpect(jsonPath("$.dedupReduction").value(0.5))
			.andExpect(jsonPath("$.series[0].key").value("rawEvents"))
			.andExpect(jsonPath("$.series[0].data[*]", contains(8, 4, 0)))
			.andExpect(jsonPath("$.series[1].data[*]", contains(3, 3, 0)))
			.andExpect(jsonPath("$.groups.available").value(grouping));
		if (!grouping) {
			// absent rather than null (the API leaves null fields out)
			noise.andExpect(jsonPath("$.groups.count").doesNotExist())
				.andExpect(jsonPath("$.totalReduction").doesNotExist());
		}
	}

	@Test
	void topSourcesAndRulesByRawEventsAndByAlerts() throws Exception {
		call("/top?limit=5&from=" + this.from + "&to=" + this.to).andExpect(status().isOk())
			.andExpect(jsonPath("$.sourcesByRawEvents[*].key",
					contains(this.prometheus.toString(), ManualReports.INTEGRATION_ID.toString(),
							this.zabbix.toString())))
			.andExpect(jsonPath("$.sourcesByRawEvents[0].rawEvents").value(9))
			.andExpect(jsonPath("$.sourcesByRawEvents[0].alerts").value(3))
			.andExpect(jsonPath("$.sourcesByRawEvents[0].kind").value("prometheus"))
			.andExpect(jsonPath("$.sourcesByAlerts[0].key").value(this.prometheus.toString()))
			.andExpect(jsonPath("$.sourcesByAlerts[0].alerts").value(3))
			.andExpect(jsonPath("$.sourcesByAlerts[0].rawEvents").value(9))
			.andExpect(jsonPath("$.alertRulesByRawEvents[0].key").value("DbSlow"))
			.andExpect(jsonPath("$.alertRulesByRawEvents[0].rawEvents").value(7))
			.andExpect(jsonPath("$.alertRulesByRawEvents[0].alerts").value(2))
			.andExpect(jsonPath("$.alertRulesByRawEvents[1].key").value("Disk"))
			.andExpect(jsonPath("$.alertRulesByRawEvents[1].rawEvents").value(3))
			.andExpect(jsonPath("$.alertRulesByAlerts[0].alerts").value(2))
			.andExpect(jsonPath("$.alertRulesByAlerts", hasSize(4)))
			.andExpect(jsonPath("$.signalRules").isArray());
	}

	@Test
	void timelyAndMissedAnomalyReportingRates() throws Exception {
		call("/indicators?bucket=hour&tz=UTC&from=" + this.from + "&to=" + this.to).andExpect(status().isOk())
			.andExpect(jsonPath("$.timelyThresholdSeconds").value(300))
			.andExpect(jsonPath("$.missedLookbackSeconds").value(3600))
			.andExpect(jsonPath("$.timelyReporting.total").value(4))
			.andExpect(jsonPath("$.timelyReporting.timely").value(3))
			.andExpect(jsonPath("$.timelyReporting.late").value(1))
			.andExpect(jsonPath("$.timelyReporting.rate").value(0.75))
			.andExpect(jsonPath("$.missedReporting.missed").value(1))
			.andExpect(jsonPath("$.missedReporting.caught").value(1))
			.andExpect(jsonPath("$.missedReporting.monitoringAlerts").value(4))
			.andExpect(jsonPath("$.missedReporting.anomalies").value(5))
			.andExpect(jsonPath("$.missedReporting.rate").value(0.2))
			.andExpect(jsonPath("$.series[0].key").value("timelyRate"))
			.andExpect(jsonPath("$.series[0].data[0]").value(0.5))
			.andExpect(jsonPath("$.series[0].data[1]").value(1.0))
			.andExpect(jsonPath("$.series[0].data[2]").value(nullValue()))
			.andExpect(jsonPath("$.series[1].data[0]").value(0.0))
			.andExpect(jsonPath("$.series[1].data[1]").value(0.3333));
		// a wider threshold makes the late one timely; a short look-back misses the
		// caught
		// report too (a1 and a2 were first seen 20 and 10 minutes before m1 started)
		call("/indicators?tz=UTC&timelyWithin=PT20M&lookback=PT5M&from=" + this.from + "&to=" + this.to)
			.andExpect(jsonPath("$.timelyReporting.rate").value(1.0))
			.andExpect(jsonPath("$.missedReporting.missed").value(2))
			.andExpect(jsonPath("$.missedReporting.rate").value(0.3333));
		call("/indicators?tz=UTC&businessSystem=" + this.system + "&from=" + this.from + "&to=" + this.to)
			.andExpect(jsonPath("$.timelyReporting.total").value(2))
			.andExpect(jsonPath("$.missedReporting.missed").value(0))
			.andExpect(jsonPath("$.missedReporting.rate").value(0.0));
	}

	@Test
	void badParametersAnswer422WithTheField() throws Exception {
		expect422("/counts?from=" + this.to + "&to=" + this.from, "from", "event.analytics.range-invalid");
		expect422("/counts?from=yesterday", "from", "request.invalid-parameter");
		expect422("/counts?bucket=week", "bucket", "request.invalid-parameter");
		expect422("/counts?bucket=hour&from=2040-01-01T00:00:00Z&to=2040-03-01T00:00:00Z", "bucket",
				"event.analytics.too-many-buckets");
		expect422("/counts?bucket=day&from=2000-01-01T00:00:00Z&to=2040-03-01T00:00:00Z", "bucket",
				"event.analytics.too-many-buckets");
		expect422("/counts?by=colour", "by", "request.invalid-parameter");
		expect422("/counts?tz=Mars/Olympus", "tz", "request.invalid-parameter");
		expect422("/counts?severity=huge", "severity", "request.invalid-parameter");
		expect422("/response-times?by=planet", "by", "request.invalid-parameter");
		expect422("/noise?to=soon", "to", "request.invalid-parameter");
		expect422("/top?limit=0", "limit", "request.invalid-parameter");
		expect422("/top?limit=many", "limit", "request.invalid-parameter");
		expect422("/indicators?timelyWithin=5m", "timelyWithin", "request.invalid-parameter");
		expect422("/indicators?lookback=P30D", "lookback", "request.invalid-parameter");
		// the default range (the last 24 hours, hourly) needs no parameters
		call("/counts").andExpect(status().isOk()).andExpect(jsonPath("$.bucket").value("hour"));
	}

	private void expect422(String path, String field, String code) throws Exception {
		call(path).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].code").value(code));
	}

	private ResultActions call(String path) throws Exception {
		return this.mvc.perform(get("/api/v1/events/analytics" + path).with(reader()));
	}

	private Instant at(int minutes) {
		return this.day.plusSeconds(minutes * 60L);
	}

	private UUID integration(String kind) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO event.integration (id, name, kind, token_hash, token_hint, default_severity, created_at,
				  updated_at, token_rotated_at) VALUES (?, ?, ?, ?, 'x', 'WARNING', now(), now(), now())""")
			.params(id, "analytics " + kind + " " + id, kind, "test:" + id)
			.update();
		return id;
	}

	private long alert(UUID integration, String source, String severity, String alertname, String groupKey,
			Instant firstSeen, Instant startsAt, Instant acknowledgedAt, Instant resolvedAt, UUID ci,
			UUID businessSystem) {
		long id = this.jdbc.sql("SELECT nextval('event.alert_id_seq')").query(Long.class).single();
		String state = (resolvedAt != null) ? "RESOLVED" : (acknowledgedAt != null) ? "ACKNOWLEDGED" : "OPEN";
		this.jdbc.sql("""
				INSERT INTO event.alert (id, first_seen, integration_id, source, fingerprint, group_key, status, state,
				  severity, summary, labels, annotations, links, starts_at, auto_resolve, last_seen, occurrences,
				  duplicates, last_hash, state_changed_at, acknowledged_at, resolved_at, ci_id, business_system_id,
				  version)
				VALUES (:id, :firstSeen, :integration, :source, :fingerprint, :groupKey, 'FIRING', :state, :severity,
				  :summary, :labels::jsonb, '{}', '[]', :startsAt, false, :firstSeen, 1, 0, 'h', :firstSeen, :ack,
				  :resolved, :ci, :bs, 1)""")
			.param("id", id)
			.param("firstSeen", Timestamp.from(firstSeen))
			.param("integration", integration)
			.param("source", source)
			.param("fingerprint", "fp-" + id)
			.param("groupKey", groupKey)
			.param("state", state)
			.param("severity", severity)
			.param("summary", "summary of " + id)
			.param("labels", (alertname != null) ? "{\"alertname\": \"" + alertname + "\"}" : "{}")
			.param("startsAt", Timestamp.from(startsAt))
			.param("ack", (acknowledgedAt != null) ? Timestamp.from(acknowledgedAt) : null)
			.param("resolved", (resolvedAt != null) ? Timestamp.from(resolvedAt) : null)
			.param("ci", ci)
			.param("bs", businessSystem)
			.update();
		return id;
	}

	private void raw(UUID integration, long alertId, Instant at, String... outcomes) {
		for (int i = 0; i < outcomes.length; i++) {
			this.jdbc
				.sql("""
						INSERT INTO event.raw_event (id, received_at, integration_id, fingerprint, status, outcome,
						  alert_id, payload_hash) VALUES (nextval('event.raw_event_id_seq'), ?, ?, ?, 'FIRING', ?, ?, 'h')""")
				.params(Timestamp.from(at.plusSeconds(i * 60L)), integration, "fp-" + alertId, outcomes[i], alertId)
				.update();
		}
	}

	@Test
	void theCraftedDayIsTheOnlyDataInItsRange() {
		assertThat(this.jdbc.sql("SELECT count(*) FROM event.alert WHERE first_seen >= ? AND first_seen < ?")
			.params(Timestamp.from(this.day), Timestamp.from(this.day.plusSeconds(3 * 3600)))
			.query(Long.class)
			.single()).isEqualTo(6);
	}

}
