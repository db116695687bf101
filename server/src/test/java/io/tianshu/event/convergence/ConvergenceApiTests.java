package io.tianshu.event.convergence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import io.tianshu.TianshuIntegrationTest;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.event.AlertGroupChanged;
import io.tianshu.event.AlertGroupOpened;
import io.tianshu.event.AlertIntake;
import io.tianshu.event.AlertState;
import io.tianshu.event.EventPermissions;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntakeReceipt;
import io.tianshu.event.Severity;
import io.tianshu.event.SignalStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Grouping, silences, maintenance windows, inhibition and topology inhibition end to end:
 * alerts go in through the real intake, CIs and relations through the CMDB API, and the
 * outcome is read through the convergence API and the group events.
 */
@TianshuIntegrationTest
class ConvergenceApiTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	MockMvc mvc;

	@Autowired
	AlertIntake intake;

	@Autowired
	GroupEventProbe probe;

	private static RequestPostProcessor admin() {
		return user("conv-admin").authorities(new SimpleGrantedAuthority(EventPermissions.ALERT_READ),
				new SimpleGrantedAuthority(EventPermissions.ALERT_WRITE),
				new SimpleGrantedAuthority(EventPermissions.RULE_MANAGE),
				new SimpleGrantedAuthority(EventPermissions.SILENCE_MANAGE),
				new SimpleGrantedAuthority(EventPermissions.INTEGRATION_MANAGE),
				new SimpleGrantedAuthority(CmdbPermissions.CI_READ),
				new SimpleGrantedAuthority(CmdbPermissions.CI_WRITE),
				new SimpleGrantedAuthority(CmdbPermissions.RELATION_WRITE));
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
		return this.mvc
			.perform(request.with(admin()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private String read(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private String created(MockHttpServletRequestBuilder request, String body) throws Exception {
		return send(request, body).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
	}

	private UUID integration() throws Exception {
		String body = created(post("/api/v1/events/integrations"), """
				{"name": "conv-%s", "kind": "prometheus"}""".formatted(suffix()));
		return UUID.fromString(JsonPath.read(body, "$.id"));
	}

	private long fire(UUID integration, String fingerprint, Severity severity, Map<String, String> labels)
			throws Exception {
		return submit(IncomingSignal.builder(integration, fingerprint, SignalStatus.FIRING, Instant.now())
			.severity(severity, severity.name().toLowerCase())
			.summary(labels.getOrDefault("alertname", "alert") + " " + fingerprint)
			.labels(labels)
			.build()).get(0).alertId();
	}

	private void resolve(UUID integration, String fingerprint) throws Exception {
		submit(IncomingSignal.builder(integration, fingerprint, SignalStatus.RESOLVED, Instant.now())
			.severity(Severity.INFO, null)
			.build());
	}

	private List<IntakeReceipt.SignalOutcome> submit(IncomingSignal... signals) throws Exception {
		return this.intake.submit(List.of(signals)).get(10, TimeUnit.SECONDS).outcomes();
	}

	private String state(long alert) throws Exception {
		return JsonPath.read(read(get("/api/v1/events/alerts/" + alert)), "$.alert.state");
	}

	private void awaitState(long alert, AlertState expected) {
		await().atMost(WAIT).untilAsserted(() -> assertThat(state(alert)).isEqualTo(expected.name()));
	}

	private String convergence(long alert) throws Exception {
		return read(get("/api/v1/events/alerts/" + alert + "/convergence"));
	}

	private List<String> groupsOf(long alert) throws Exception {
		return JsonPath.read(convergence(alert), "$.groupIds");
	}

	private String ci(String model, String name, String attributes) throws Exception {
		return JsonPath.read(created(post("/api/v1/cmdb/cis"), """
				{"model": "%s", "name": "%s", "state": "IN_USE", "attributes": %s}""".formatted(model, name,
				attributes)), "$.id");
	}

	private void relate(String type, String source, String target) throws Exception {
		created(post("/api/v1/cmdb/relations"), """
				{"type": "%s", "sourceId": "%s", "targetId": "%s"}""".formatted(type, source, target));
	}

	private String rule(String name, int position, String matchers, String groupBy, boolean cont, String wait,
			String interval) throws Exception {
		return JsonPath.read(created(post("/api/v1/events/grouping-rules"), """
				{"name": "%s", "position": %d, "matchers": %s, "groupBy": %s, "continue": %s,
				 "groupWait": "%s", "groupInterval": "%s"}""".formatted(name, position, matchers, groupBy, cont, wait,
				interval)), "$.id");
	}

	@Test
	void groupByLabelWaitsForGroupWaitBatchesByGroupIntervalAndResolvesWithItsAlerts() throws Exception {
		String s = suffix();
		UUID integration = integration();
		rule("by alertname " + s, 1, "[\"suite=%s\"]".formatted(s), "[[\"alertname\"]]", false, "300ms", "2s");
		long disk1 = fire(integration, "d1-" + s, Severity.MAJOR, Map.of("suite", s, "alertname", "Disk"));
		long disk2 = fire(integration, "d2-" + s, Severity.CRITICAL, Map.of("suite", s, "alertname", "Disk"));
		long cpu = fire(integration, "c1-" + s, Severity.MINOR, Map.of("suite", s, "alertname", "Cpu"));

		await().atMost(WAIT)
			.until(() -> !groupsOf(disk1).isEmpty() && !groupsOf(disk2).isEmpty() && !groupsOf(cpu).isEmpty());
		UUID disk = UUID.fromString(groupsOf(disk1).get(0));
		assertThat(groupsOf(disk2)).containsExactly(disk.toString());
		assertThat(groupsOf(cpu)).doesNotContain(disk.toString());

		// group_wait: announced once, not before 300 ms after the group formed
		await().atMost(WAIT).until(() -> this.probe.opened(disk).size() == 1);
		AlertGroupOpened opened = this.probe.opened(disk).get(0);
		String detail = read(get("/api/v1/events/groups/" + disk));
		Instant createdAt = Instant.parse(JsonPath.read(detail, "$.group.createdAt"));
		assertThat(Duration.between(createdAt, opened.openedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(opened.groupLabels()).isEqualTo(Map.of("alertname", "Disk"));
		assertThat(opened.severity()).isEqualTo(Severity.CRITICAL);
		assertThat((String) JsonPath.read(detail, "$.group.state")).isEqualTo("OPEN");
		assertThat((List<Integer>) JsonPath.read(detail, "$.alerts[*].alert.id")).containsExactly((int) disk1,
				(int) disk2);
		assertThat((String) JsonPath.read(detail, "$.rootCause.basis")).isEqualTo("severity");
		assertThat(((Number) JsonPath.read(detail, "$.rootCause.alertId")).longValue()).isEqualTo(disk2);

		// group_interval: two more alerts in one update, not sooner than 2 s after the
		// announcement
		List<IntakeReceipt.SignalOutcome> more = submit(
				IncomingSignal.builder(integration, "d3-" + s, SignalStatus.FIRING, Instant.now())
					.severity(Severity.MINOR, "minor")
					.labels(Map.of("suite", s, "alertname", "Disk"))
					.build(),
				IncomingSignal.builder(integration, "d4-" + s, SignalStatus.FIRING, Instant.now())
					.severity(Severity.MINOR, "minor")
					.labels(Map.of("suite", s, "alertname", "Disk"))
					.build());
		await().atMost(WAIT).until(() -> this.probe.changed(disk).size() == 1);
		AlertGroupChanged changed = this.probe.changed(disk).get(0);
		assertThat(changed.alertsAdded()).isEqualTo(2);
		assertThat(changed.activeAlerts()).isEqualTo(4);
		assertThat(Duration.between(opened.openedAt(), changed.changedAt()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(2));

		// resolves when every alert resolved, and only then
		resolve(integration, "d1-" + s);
		resolve(integration, "d2-" + s);
		resolve(integration, "d3-" + s);
		await().atMost(WAIT)
			.until(() -> (Integer) JsonPath.read(read(get("/api/v1/events/groups/" + disk)),
					"$.group.activeCount") == 1);
		assertThat(state(more.get(1).alertId())).isEqualTo("OPEN");
		assertThat(this.probe.resolved(disk)).isEmpty();
		resolve(integration, "d4-" + s);
		await().atMost(WAIT).until(() -> this.probe.resolved(disk).size() == 1);
		String after = read(get("/api/v1/events/groups/" + disk));
		assertThat((String) JsonPath.read(after, "$.group.state")).isEqualTo("RESOLVED");
		assertThat((Integer) JsonPath.read(after, "$.group.activeCount")).isZero();
		assertThat(this.probe.resolved(UUID.fromString(groupsOf(cpu).get(0)))).isEmpty();
		this.mvc.perform(get("/api/v1/events/groups").param("state", "RESOLVED").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].id", hasItem(disk.toString())));
	}

	@Test
	void groupsByCiAndByBusinessSystemWithAlternativesAndContinue() throws Exception {
		String s = suffix();
		String code = s.toUpperCase().replaceAll("[^A-Z0-9]", "X");
		UUID integration = integration();
		String system = ci("business_system", "BS " + s, """
				{"system_code": "S%s", "business_grade": "A", "rto_minutes": 30, "rpo_minutes": 0}""".formatted(code));
		String app1 = ci("application", "app1 " + s, "{\"app_code\": \"A1%s\"}".formatted(code));
		String app2 = ci("application", "app2 " + s, "{\"app_code\": \"A2%s\"}".formatted(code));
		relate("contains", system, app1);
		relate("contains", system, app2);
		rule("by ci " + s, 2, "[\"suite=%s\"]".formatted(s), "[[\"@ci\"], [\"alertname\"]]", true, "200ms", "1s");
		rule("by system " + s, 3, "[\"suite=%s\"]".formatted(s), "[[\"@business_system\"]]", false, "200ms", "1s");

		long a1 = fire(integration, "a1-" + s, Severity.MAJOR,
				Map.of("suite", s, "alertname", "Err", "app", "A1" + code));
		long a1b = fire(integration, "a1b-" + s, Severity.MINOR,
				Map.of("suite", s, "alertname", "Slow", "app", "A1" + code));
		long a2 = fire(integration, "a2-" + s, Severity.MAJOR,
				Map.of("suite", s, "alertname", "Err", "app", "A2" + code));
		long loose = fire(integration, "x-" + s, Severity.WARNING, Map.of("suite", s, "alertname", "Orphan"));

		await().atMost(WAIT)
			.until(() -> groupsOf(a1).size() == 2 && groupsOf(a1b).size() == 2 && groupsOf(a2).size() == 2
					&& groupsOf(loose).size() == 2);
		// by CI: both alerts of app1 together, app2 apart
		assertThat(groupsOf(a1).get(0)).isEqualTo(groupsOf(a1b).get(0));
		assertThat(groupsOf(a2).get(0)).isNotEqualTo(groupsOf(a1).get(0));
		String byCi = read(get("/api/v1/events/groups/" + groupsOf(a1).get(0)));
		assertThat((Map<String, String>) JsonPath.read(byCi, "$.group.groupLabels")).isEqualTo(Map.of("@ci", app1));
		// continue: the business system rule took them too, all in one group
		assertThat(groupsOf(a1).get(1)).isEqualTo(groupsOf(a2).get(1)).isEqualTo(groupsOf(a1b).get(1));
		String bySystem = read(get("/api/v1/events/groups/" + groupsOf(a1).get(1)));
		assertThat((Map<String, String>) JsonPath.read(bySystem, "$.group.groupLabels"))
			.isEqualTo(Map.of("@business_system", system));
		assertThat((String) JsonPath.read(bySystem, "$.group.businessSystemId")).isEqualTo(system);
		// without a CI the second alternative applies
		String orphan = read(get("/api/v1/events/groups/" + groupsOf(loose).get(0)));
		assertThat((Map<String, String>) JsonPath.read(orphan, "$.group.groupLabels"))
			.isEqualTo(Map.of("alertname", "Orphan"));
		this.mvc.perform(get("/api/v1/events/groups").param("businessSystem", system).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].id", hasItem(groupsOf(a1).get(1))));
	}

	@Test
	void aBurstOfNewAlertsIsConvergedInBatchesEachAlertOnce() throws Exception {
		String s = suffix();
		UUID integration = integration();
		String group = rule("burst " + s, 4, "[\"suite=%s\"]".formatted(s), "[[\"alertname\"]]", false, "200ms", "1s");
		created(post("/api/v1/events/silences"), """
				{"matchers": ["suite=%s", "zone=quiet"], "endsAt": "%s", "comment": "a third of the burst"}"""
			.formatted(s, Instant.now().plus(Duration.ofHours(1))));
		// one submit of 250 new alerts: queued together, more than one batch of the
		// processor
		IncomingSignal[] burst = new IncomingSignal[250];
		for (int i = 0; i < burst.length; i++) {
			burst[i] = IncomingSignal.builder(integration, "burst-" + i + "-" + s, SignalStatus.FIRING, Instant.now())
				.severity(Severity.MAJOR, "major")
				.summary("burst " + i)
				.labels(Map.of("suite", s, "alertname", "Burst", "zone", (i % 3 == 0) ? "quiet" : "loud"))
				.build();
		}
		List<IntakeReceipt.SignalOutcome> outcomes = submit(burst);
		assertThat(outcomes).hasSize(250);
		long quiet = outcomes.get(0).alertId();
		long loud = outcomes.get(1).alertId();
		await().atMost(WAIT).until(() -> groupsOf(outcomes.get(249).alertId()).size() == 1);
		String groupId = groupsOf(loud).get(0);
		await().atMost(WAIT).untilAsserted(() -> {
			String view = read(get("/api/v1/events/groups/" + groupId));
			assertThat((Integer) JsonPath.read(view, "$.group.alertCount")).isEqualTo(250);
			assertThat((String) JsonPath.read(view, "$.group.ruleId")).isEqualTo(group);
		});
		for (IntakeReceipt.SignalOutcome o : outcomes) {
			assertThat(groupsOf(o.alertId())).containsExactly(groupId);
		}
		awaitState(quiet, AlertState.SUPPRESSED);
		awaitState(outcomes.get(249).alertId(), AlertState.SUPPRESSED);
		assertThat(state(loud)).isEqualTo("OPEN");
		assertThat(state(outcomes.get(248).alertId())).isEqualTo("OPEN");
	}

	@Test
	void silenceSuppressesNewAndExistingAlertsTracksResolutionAndReleasesAtItsEnd() throws Exception {
		String s = suffix();
		UUID integration = integration();
		long existing = fire(integration, "s1-" + s, Severity.MAJOR, Map.of("suite", s, "svc", "pay"));
		long other = fire(integration, "s0-" + s, Severity.MAJOR, Map.of("suite", s, "svc", "quote"));
		awaitState(existing, AlertState.OPEN);

		send(post("/api/v1/events/silences/preview"), """
				{"matchers": ["suite=%s", "svc=~pa.*"]}""".formatted(s)).andExpect(status().isOk())
			.andExpect(jsonPath("$.count").value(1))
			.andExpect(jsonPath("$.alerts[0].id").value(existing));

		String silence = created(post("/api/v1/events/silences"), """
				{"matchers": ["suite=%s", "svc=~pa.*"], "endsAt": "%s", "comment": "deploying pay"}""".formatted(s,
				Instant.now().plusSeconds(4)));
		String id = JsonPath.read(silence, "$.id");
		assertThat((String) JsonPath.read(silence, "$.status")).isEqualTo("active");
		assertThat((String) JsonPath.read(silence, "$.createdBy")).isEqualTo("conv-admin");
		awaitState(existing, AlertState.SUPPRESSED);

		long fresh = fire(integration, "s2-" + s, Severity.CRITICAL, Map.of("suite", s, "svc", "pay"));
		long resolvedLater = fire(integration, "s3-" + s, Severity.MINOR, Map.of("suite", s, "svc", "pay"));
		awaitState(fresh, AlertState.SUPPRESSED);
		awaitState(resolvedLater, AlertState.SUPPRESSED);
		assertThat(state(other)).isEqualTo("OPEN");
		assertThat(convergence(fresh)).contains("silence:" + id);
		// resolution of a silenced alert is still tracked
		resolve(integration, "s3-" + s);
		awaitState(resolvedLater, AlertState.RESOLVED);

		// at the silence's end the still-firing alerts open again
		awaitState(existing, AlertState.OPEN);
		awaitState(fresh, AlertState.OPEN);
		assertThat(state(resolvedLater)).isEqualTo("RESOLVED");
		this.mvc.perform(get("/api/v1/events/silences/" + id).with(admin()))
			.andExpect(jsonPath("$.status").value("expired"));

		// expiring by hand does the same at once
		String second = JsonPath.read(created(post("/api/v1/events/silences"), """
				{"matchers": ["suite=%s"], "endsAt": "%s", "comment": "quiet"}""".formatted(s,
				Instant.now().plus(Duration.ofHours(1)))), "$.id");
		awaitState(other, AlertState.SUPPRESSED);
		send(post("/api/v1/events/silences/" + second + "/expire"), "").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("expired"));
		awaitState(other, AlertState.OPEN);
	}

	@Test
	void maintenanceWindowActsLikeASilenceWhileItsScheduleIsActive() throws Exception {
		String s = suffix();
		UUID integration = integration();
		DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
		LocalTime now = LocalTime.now(ZoneOffset.UTC);
		String active = JsonPath.read(created(post("/api/v1/events/maintenance-windows"), """
				{"name": "now %s", "matchers": ["suite=%s", "mw=a"],
				 "schedule": {"zone": "UTC", "from": "%s", "to": "%s"}, "comment": "patching"}""".formatted(s, s,
				now.minusHours(1).format(hhmm), now.plusHours(1).format(hhmm))), "$.id");
		String inactive = JsonPath.read(created(post("/api/v1/events/maintenance-windows"), """
				{"name": "later %s", "matchers": ["suite=%s", "mw=b"],
				 "schedule": {"zone": "UTC", "from": "%s", "to": "%s"}}""".formatted(s, s,
				now.plusHours(2).format(hhmm), now.plusHours(3).format(hhmm))), "$.id");
		this.mvc.perform(get("/api/v1/events/maintenance-windows/" + active).with(admin()))
			.andExpect(jsonPath("$.activeNow").value(true));
		this.mvc.perform(get("/api/v1/events/maintenance-windows/" + inactive).with(admin()))
			.andExpect(jsonPath("$.activeNow").value(false));

		long outside = fire(integration, "mb-" + s, Severity.MAJOR, Map.of("suite", s, "mw", "b"));
		long inside = fire(integration, "ma-" + s, Severity.MAJOR, Map.of("suite", s, "mw", "a"));
		awaitState(inside, AlertState.SUPPRESSED);
		assertThat(convergence(inside)).contains("maintenance:" + active);
		assertThat(state(outside)).isEqualTo("OPEN");

		// the window switched off: its alert opens again
		send(put("/api/v1/events/maintenance-windows/" + active),
				"""
						{"name": "now %s", "enabled": false, "matchers": ["suite=%s", "mw=a"],
						 "schedule": {"zone": "UTC", "from": "%s", "to": "%s"}}""".formatted(s, s,
						now.minusHours(1).format(hhmm), now.plusHours(1).format(hhmm)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.activeNow").value(false));
		awaitState(inside, AlertState.OPEN);

		// tied to the trading calendar: exactly on the days CN-A does not trade
		String calendar = created(post("/api/v1/events/maintenance-windows"), """
				{"name": "non-trading %s", "matchers": ["suite=%s"],
				 "schedule": {"calendarDays": "NON_TRADING"}}""".formatted(s, s));
		assertThat((String) JsonPath.read(calendar, "$.schedule.calendarDays")).isEqualTo("NON_TRADING");
		send(put("/api/v1/events/maintenance-windows/" + JsonPath.read(calendar, "$.id")), """
				{"name": "non-trading %s", "enabled": false, "matchers": ["suite=%s"],
				 "schedule": {"calendarDays": "NON_TRADING"}}""".formatted(s, s)).andExpect(status().isOk());
	}

	@Test
	void inhibitionRuleSuppressesTargetsWithEqualLabelsWhileTheSourceIsActive() throws Exception {
		String s = suffix();
		UUID integration = integration();
		created(post("/api/v1/events/inhibit-rules"), """
				{"name": "node down %s", "sourceMatchers": ["suite=%s", "alertname=NodeDown"],
				 "targetMatchers": ["suite=%s", "tier=app"], "equal": ["cluster"]}""".formatted(s, s, s));
		long source = fire(integration, "src-" + s, Severity.CRITICAL,
				Map.of("suite", s, "alertname", "NodeDown", "cluster", "c1"));
		awaitState(source, AlertState.OPEN);
		long target = fire(integration, "t1-" + s, Severity.MAJOR,
				Map.of("suite", s, "alertname", "AppErr", "tier", "app", "cluster", "c1"));
		long otherCluster = fire(integration, "t2-" + s, Severity.MAJOR,
				Map.of("suite", s, "alertname", "AppErr", "tier", "app", "cluster", "c2"));
		awaitState(target, AlertState.SUPPRESSED);
		assertThat(convergence(target)).contains("inhibit:");
		assertThat(state(otherCluster)).isEqualTo("OPEN");
		assertThat(state(source)).isEqualTo("OPEN");

		resolve(integration, "src-" + s);
		awaitState(target, AlertState.OPEN);
	}

	@Test
	void topologyMarksDownstreamAlertsAsSymptomsNamesTheRootCauseAndReleasesThem() throws Exception {
		String s = suffix();
		String code = s.toUpperCase().replaceAll("[^A-Z0-9]", "X");
		UUID integration = integration();
		String db = ci("db_instance", "db " + s,
				"{\"instance_name\": \"db-%s\", \"db_type\": \"oracle\"}".formatted(s));
		String app = ci("application", "app " + s, "{\"app_code\": \"T%s\"}".formatted(code));
		relate("depends_on", app, db);
		created(post("/api/v1/events/enrichment-rules"), """
				{"name": "dbinst %s", "position": 5, "label": "dbinst%s", "ciModel": "db_instance",
				 "attribute": "instance_name"}""".formatted(s, s));
		rule("by suite " + s, 1, "[\"suite=%s\"]".formatted(s), "[[\"suite\"]]", false, "200ms", "500ms");

		long dbAlert = fire(integration, "db-" + s, Severity.CRITICAL,
				Map.of("suite", s, "alertname", "DbSlow", "dbinst" + s, "db-" + s));
		awaitState(dbAlert, AlertState.OPEN);
		long appAlert = fire(integration, "app-" + s, Severity.MAJOR,
				Map.of("suite", s, "alertname", "AppErrors", "app", "T" + code));

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(((Number) JsonPath.read(convergence(appAlert), "$.symptomOf")).longValue())
				.isEqualTo(dbAlert));
		String conv = convergence(appAlert);
		assertThat((List<String>) JsonPath.read(conv, "$.symptomPath[*].relation")).contains("depends_on");
		assertThat((List<Integer>) JsonPath.read(convergence(dbAlert), "$.symptoms")).containsExactly((int) appAlert);
		assertThat(state(appAlert)).isEqualTo("OPEN");
		String timeline = read(get("/api/v1/events/alerts/" + appAlert));
		assertThat((List<String>) JsonPath.read(timeline, "$.timeline[*].kind")).contains("SYMPTOM");

		await().atMost(WAIT).until(() -> groupsOf(appAlert).size() == 1);
		UUID group = UUID.fromString(groupsOf(appAlert).get(0));
		assertThat(groupsOf(dbAlert)).containsExactly(group.toString());
		String detail = read(get("/api/v1/events/groups/" + group));
		assertThat(((Number) JsonPath.read(detail, "$.rootCause.alertId")).longValue()).isEqualTo(dbAlert);
		assertThat((String) JsonPath.read(detail, "$.rootCause.basis")).isEqualTo("topology");
		assertThat((String) JsonPath.read(detail, "$.rootCause.ciId")).isEqualTo(db);
		assertThat((List<String>) JsonPath.read(detail, "$.rootCause.path[*].ciId")).containsExactly(app, db);
		assertThat((List<Object>) JsonPath.read(detail, "$.alerts[?(@.alert.id == %d)].symptomOf".formatted(appAlert)))
			.containsExactly((int) dbAlert);
		await().atMost(WAIT).until(() -> this.probe.opened(group).size() == 1);
		assertThat(this.probe.opened(group).get(0).rootCauseAlertId()).isEqualTo(dbAlert);

		// the cause resolves: its symptom is released
		resolve(integration, "db-" + s);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat((Object) JsonPath.read(convergence(appAlert), "$.symptomOf")).isNull());
		assertThat((List<String>) JsonPath.read(read(get("/api/v1/events/alerts/" + appAlert)), "$.timeline[*].kind"))
			.contains("SYMPTOM_RELEASED");

		// in SUPPRESS mode the symptom is also suppressed until its cause resolves
		send(put("/api/v1/events/topology-inhibition"), "{\"mode\": \"SUPPRESS\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.mode").value("SUPPRESS"))
			.andExpect(jsonPath("$.minSeverity").value("MAJOR"));
		try {
			long dbAgain = fire(integration, "db2-" + s, Severity.CRITICAL,
					Map.of("suite", s, "alertname", "DbDown", "dbinst" + s, "db-" + s));
			awaitState(appAlert, AlertState.SUPPRESSED);
			assertThat(((Number) JsonPath.read(convergence(appAlert), "$.symptomOf")).longValue()).isEqualTo(dbAgain);
			resolve(integration, "db2-" + s);
			awaitState(appAlert, AlertState.OPEN);
		}
		finally {
			send(put("/api/v1/events/topology-inhibition"), "{\"mode\": \"MARK\"}").andExpect(status().isOk());
		}
	}

	@Test
	void badInputIsRefusedWithFieldErrors() throws Exception {
		String s = suffix();
		send(post("/api/v1/events/grouping-rules"),
				"""
						{"name": "bad %s", "matchers": ["job=~(unclosed"], "groupBy": [["@nope"]], "groupWait": "soon"}"""
					.formatted(s))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].code", hasItem("event.matcher.regex-invalid")))
			.andExpect(jsonPath("$.errors[*].code", hasItem("event.group-by.unknown-key")))
			.andExpect(jsonPath("$.errors[*].code", hasItem("event.duration.invalid")));
		send(post("/api/v1/events/silences"),
				"""
						{"matchers": ["suite=%s"], "startsAt": "%s", "endsAt": "%s", "comment": "x"}""".formatted(s,
						Instant.now().plusSeconds(3600), Instant.now().plusSeconds(60)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].code", hasItem("event.silence.ends-before-starts")));
		send(post("/api/v1/events/silences"),
				"""
						{"ciId": "%s", "endsAt": "%s", "comment": "x"}""".formatted(UUID.randomUUID(),
						Instant.now().plusSeconds(60)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].code", hasItem("event.ci.unknown")));
		send(post("/api/v1/events/silences"), """
				{"endsAt": "%s"}""".formatted(Instant.now().plusSeconds(60)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].code", hasItem("event.scope.empty")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("comment")));
		send(post("/api/v1/events/silences/preview"), "{\"matchers\": [\"a=~[\"]}")
			.andExpect(status().isUnprocessableContent());
		send(post("/api/v1/events/maintenance-windows"),
				"""
						{"name": "bad %s", "matchers": ["suite=%s"], "schedule": {"cron": "every day", "duration": "2h"}}"""
					.formatted(s, s))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].code", hasItem("event.schedule.cron-invalid")));
		send(post("/api/v1/events/maintenance-windows"),
				"""
						{"name": "bad2 %s", "businessSystemId": "%s", "schedule": {"from": "25:00", "to": "02:00"}}"""
					.formatted(s, UUID.randomUUID()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].code", hasItem("event.schedule.time-invalid")))
			.andExpect(jsonPath("$.errors[*].code", hasItem("event.ci.unknown")));
		send(post("/api/v1/events/inhibit-rules"), """
				{"name": "bad %s", "sourceMatchers": ["a=b"]}""".formatted(s))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field", hasItem("targetMatchers")));
		send(put("/api/v1/events/topology-inhibition"), "{\"maxDepth\": 99}")
			.andExpect(status().isUnprocessableContent());
		this.mvc.perform(get("/api/v1/events/groups").param("state", "SLEEPING").with(admin()))
			.andExpect(status().isUnprocessableContent());
	}

}
