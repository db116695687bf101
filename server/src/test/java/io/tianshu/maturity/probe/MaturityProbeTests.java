package io.tianshu.maturity.probe;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.DataQuality;
import io.tianshu.event.AlertIntake;
import io.tianshu.event.EventPermissions;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.Severity;
import io.tianshu.event.SignalStatus;
import io.tianshu.maturity.FixtureAccess;
import io.tianshu.maturity.Frameworks;
import io.tianshu.maturity.MaturityPermissions;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;
import io.tianshu.maturity.ProbeVerdict;
import io.tianshu.platform.Actor;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.TianshuProperties;
import io.tianshu.platform.identity.IdentityFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Each probe on data that makes it met and on data that makes it not met, the data made
 * through the real APIs (the broken audit chain through SQL, as the audit tests do, and
 * restored).
 */
@TianshuIntegrationTest
class MaturityProbeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	@Autowired
	Authorization authorization;

	@Autowired
	Audit audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	Clock clock;

	@Autowired
	List<Probe> probes;

	@Autowired
	ProbeRuns runs;

	@Autowired
	Frameworks frameworks;

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	Probe probe(String id) {
		return this.probes.stream().filter((p) -> p.id().equals(id)).findFirst().orElseThrow();
	}

	ProbeOutcome evaluate(String id, Instant since) {
		return this.authorization.runAsSystem(() -> probe(id).evaluate(new ProbeContext(this.clock.instant(), since)));
	}

	ProbeOutcome evaluate(String id) {
		return evaluate(id, this.clock.instant().minusSeconds(86400));
	}

	JsonNode call(HttpMethod method, String path, Object body, int expected) throws Exception {
		var response = this.mvc
			.perform(request(method, path)
				.with(user("posture-admin").authorities(List
					.of(PlatformPermissions.ROLE_READ, PlatformPermissions.ROLE_WRITE, PlatformPermissions.USER_READ,
							PlatformPermissions.USER_WRITE, PlatformPermissions.GUARD_READ,
							PlatformPermissions.GUARD_WRITE, CmdbPermissions.MODEL_READ, CmdbPermissions.MODEL_WRITE,
							CmdbPermissions.CI_READ, CmdbPermissions.CI_WRITE, EventPermissions.INTEGRATION_MANAGE,
							EventPermissions.ALERT_READ, EventPermissions.RULE_MANAGE)
					.stream()
					.map(SimpleGrantedAuthority::new)
					.toList()))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content((body != null) ? this.json.writeValueAsString(body) : "{}"))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(method + " " + path + ": " + response.getContentAsString())
			.isEqualTo(expected);
		String content = response.getContentAsString();
		return content.isEmpty() ? null : this.json.readTree(content);
	}

	UUID newUser() throws Exception {
		JsonNode user = call(HttpMethod.POST, "/api/v1/users", Map.of("username", "mat-" + suffix(), "displayName",
				"Maturity test", "email", suffix() + "@example.com", "password", IdentityFixtures.PASSWORD), 201);
		return UUID.fromString(user.get("id").asString());
	}

	JsonNode newRole(List<String> permissions, boolean totp) throws Exception {
		return call(HttpMethod.POST, "/api/v1/roles", Map.of("name", "mat-role-" + suffix(), "description", "test",
				"permissions", permissions, "requiresTotp", totp), 201);
	}

	@Test
	void totpProbeIsNotMetWhileAPrivilegedRoleInUseLacksTotpAndMetOnceAllRequireIt() throws Exception {
		JsonNode role = newRole(List.of(PlatformPermissions.ROLE_WRITE), false);
		UUID user = newUser();
		call(HttpMethod.POST, "/api/v1/role-assignments", Map.of("userId", user, "roleId", role.get("id").asString()),
				201);
		ProbeOutcome notMet = evaluate("platform.identity.totp-privileged");
		assertThat(notMet.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		assertThat(notMet.ids()).contains(role.get("name").asString());

		List<JsonNode> changed = new ArrayList<>();
		try {
			for (JsonNode r : call(HttpMethod.GET, "/api/v1/roles", null, 200)) {
				boolean privileged = false;
				for (JsonNode p : r.get("permissions")) {
					privileged |= io.tianshu.platform.ControlPosture.ADMINISTRATIVE_PERMISSIONS.contains(p.asString());
				}
				if (privileged && !r.get("requiresTotp").asBoolean()) {
					setTotp(r, true);
					changed.add(r);
				}
			}
			ProbeOutcome met = evaluate("platform.identity.totp-privileged");
			assertThat(met.verdict()).isEqualTo(ProbeVerdict.MET);
			assertThat(met.ids()).contains(role.get("name").asString());
		}
		finally {
			for (JsonNode r : changed) {
				setTotp(r, false);
			}
		}
	}

	private void setTotp(JsonNode role, boolean totp) throws Exception {
		List<String> permissions = new ArrayList<>();
		role.get("permissions").forEach((p) -> permissions.add(p.asString()));
		Map<String, Object> body = new java.util.HashMap<>();
		body.put("name", role.get("name").asString());
		body.put("description", role.get("description").asString());
		body.put("permissions", permissions);
		body.put("requiresTotp", totp);
		call(HttpMethod.PUT, "/api/v1/roles/" + role.get("id").asString(), body, 200);
	}

	@Test
	void exclusionProbeFindsAUserHoldingBothRolesOfAPairDeclaredAfterTheFact() throws Exception {
		assertThat(evaluate("platform.identity.role-exclusions").verdict()).isEqualTo(ProbeVerdict.MET);
		JsonNode a = newRole(List.of(PlatformPermissions.USER_READ), false);
		JsonNode b = newRole(List.of(PlatformPermissions.ROLE_READ), false);
		UUID user = newUser();
		call(HttpMethod.POST, "/api/v1/role-assignments", Map.of("userId", user, "roleId", a.get("id").asString()),
				201);
		JsonNode second = call(HttpMethod.POST, "/api/v1/role-assignments",
				Map.of("userId", user, "roleId", b.get("id").asString()), 201);
		call(HttpMethod.POST, "/api/v1/role-exclusions",
				Map.of("roleAId", a.get("id").asString(), "roleBId", b.get("id").asString(), "reason", "职责分离"), 201);
		ProbeOutcome violated = evaluate("platform.identity.role-exclusions");
		assertThat(violated.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		assertThat(String.join(" ", violated.ids())).contains(a.get("name").asString())
			.contains(b.get("name").asString());
		call(HttpMethod.DELETE, "/api/v1/role-assignments/" + second.get("id").asString(), null, 204);
		assertThat(evaluate("platform.identity.role-exclusions").verdict()).isEqualTo(ProbeVerdict.MET);
	}

	@Test
	void guardProbeNeedsAnEnabledMarketHoursPolicy() throws Exception {
		JsonNode mine = call(
				HttpMethod.POST, "/api/v1/guard/policies", Map.of("name", "mat-market-" + suffix(), "kind",
						"MARKET_HOURS", "enabled", true, "config", Map.of("calendar", "CN-A"), "description", "开市期间防护"),
				201);
		assertThat(evaluate("platform.guard.market-hours").verdict()).isEqualTo(ProbeVerdict.MET);
		List<JsonNode> disabled = new ArrayList<>();
		try {
			for (JsonNode p : call(HttpMethod.GET, "/api/v1/guard/policies", null, 200)) {
				if (p.get("kind").asString().equals("MARKET_HOURS") && p.get("enabled").asBoolean()) {
					putPolicy(p, false);
					disabled.add(p);
				}
			}
			ProbeOutcome notMet = evaluate("platform.guard.market-hours");
			assertThat(notMet.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
			assertThat(notMet.counts()).containsEntry("marketHoursPolicies", 0);
		}
		finally {
			for (JsonNode p : disabled) {
				putPolicy(p, true);
			}
			call(HttpMethod.DELETE, "/api/v1/guard/policies/" + mine.get("id").asString(), null, 204);
		}
	}

	private void putPolicy(JsonNode policy, boolean enabled) throws Exception {
		Map<String, Object> body = new java.util.HashMap<>();
		for (String field : List.of("name", "kind", "environments", "operationKinds", "config", "description")) {
			body.put(field, this.json.convertValue(policy.get(field), Object.class));
		}
		body.put("enabled", enabled);
		call(HttpMethod.PUT, "/api/v1/guard/policies/" + policy.get("id").asString(), body, 200);
	}

	@Test
	void openApiProbeNeedsATokenUsedInTheWindow() throws Exception {
		Instant before = this.clock.instant();
		IdentityFixtures.SignedIn owner = new IdentityFixtures(this.mvc, this.json, this.properties)
			.signedInUser("mat-token", "viewer");
		String token = owner.browser()
			.post("/api/v1/me/tokens",
					Map.of("name", "ci", "permissions", List.of(MaturityPermissions.READ), "expiresAt",
							before.plusSeconds(86400).toString()))
			.expect(201)
			.body()
			.get("token")
			.asString();
		ProbeOutcome unused = evaluate("platform.api.openapi-tokens", this.clock.instant());
		assertThat(unused.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		assertThat(unused.counts()).containsEntry("openApiDescription", true);
		this.mvc.perform(get("/api/v1/maturity/frameworks").header("Authorization", "Bearer " + token)).andReturn();
		ProbeOutcome used = evaluate("platform.api.openapi-tokens", before);
		assertThat(used.verdict()).isEqualTo(ProbeVerdict.MET);
		assertThat(((Number) used.counts().get("tokensUsedInWindow")).longValue()).isPositive();
	}

	@Test
	void auditCoverageProbeNamesTheModulesMissingFromTheWindow() {
		AuditCoverageProbe coverage = (AuditCoverageProbe) probe("platform.audit.coverage");
		assertThat(coverage.modules()).contains("platform", "cmdb", "maturity");
		Instant since = this.clock.instant();
		for (String module : coverage.modules()) {
			if (!module.equals("maturity")) {
				this.audit.record(AuditEntry.success(module + ".test.coverage", "test", suffix()).by(Actor.SYSTEM));
			}
		}
		ProbeOutcome missing = evaluate("platform.audit.coverage", since);
		assertThat(missing.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		assertThat(missing.ids()).containsExactly("maturity");
		this.audit.record(AuditEntry.success("maturity.test.coverage", "test", suffix()).by(Actor.SYSTEM));
		assertThat(evaluate("platform.audit.coverage", since).verdict()).isEqualTo(ProbeVerdict.MET);
	}

	@Test
	void auditChainProbeSeesTampering() {
		assertThat(evaluate("platform.audit.chain").verdict()).isEqualTo(ProbeVerdict.MET);
		String action = "maturity.test.chain-" + suffix();
		this.audit.record(AuditEntry.success(action, "test", "t").withDetail("original").by(Actor.SYSTEM));
		Long id = this.jdbc.sql("SELECT id FROM platform.audit_record WHERE action = ?")
			.param(action)
			.query(Long.class)
			.single();
		try {
			this.jdbc.sql("UPDATE platform.audit_record SET detail = 'forged' WHERE id = ?").param(id).update();
			ProbeOutcome broken = evaluate("platform.audit.chain");
			assertThat(broken.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
			assertThat(broken.ids()).containsExactly(String.valueOf(id));
		}
		finally {
			this.jdbc.sql("UPDATE platform.audit_record SET detail = 'original' WHERE id = ?").param(id).update();
		}
		assertThat(evaluate("platform.audit.chain").verdict()).as("restored").isEqualTo(ProbeVerdict.MET);
	}

	@Test
	void cmdbModelVersionProbeNeedsAModelVersionInTheWindow() throws Exception {
		Instant since = this.clock.instant();
		assertThat(evaluate("cmdb.model.versions", since).verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		String group = "mg" + suffix();
		call(HttpMethod.POST, "/api/v1/cmdb/model-groups", Map.of("code", group, "name", "测试组", "nameEn", "Test"), 201);
		String code = "m" + suffix();
		call(HttpMethod.POST, "/api/v1/cmdb/models",
				Map.of("code", code, "name", "测试模型", "nameEn", "Test model", "group", group, "attributes", List.of()),
				201);
		ProbeOutcome met = evaluate("cmdb.model.versions", since);
		assertThat(met.verdict()).isEqualTo(ProbeVerdict.MET);
		assertThat(met.ids()).contains(code);
	}

	@Test
	void cmdbBundleAndRollbackProbesNeedAnImportAndARestoreInTheWindow() throws Exception {
		Instant since = this.clock.instant();
		String group = "mg" + suffix();
		call(HttpMethod.POST, "/api/v1/cmdb/model-groups", Map.of("code", group, "name", "测试组", "nameEn", "Test"), 201);
		String code = "m" + suffix();
		call(HttpMethod.POST, "/api/v1/cmdb/models",
				Map.of("code", code, "name", "测试模型", "nameEn", "Test model", "group", group, "attributes", List.of()),
				201);
		// a model saved by hand is a version, but neither a move between environments nor
		// a
		// rollback
		assertThat(evaluate("cmdb.model.bundles", since).verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		assertThat(evaluate("cmdb.model.rollback", since).verdict()).isEqualTo(ProbeVerdict.NOT_MET);

		// the bundle as another environment would export it, with one attribute more
		JsonNode exported = call(HttpMethod.GET, "/api/v1/cmdb/bundle?models=" + code, null, 200);
		Map<String, Object> bundle = this.json.convertValue(exported, Map.class);
		@SuppressWarnings("unchecked")
		Map<String, Object> model = ((List<Map<String, Object>>) bundle.get("models")).get(0);
		List<Object> attributes = new ArrayList<>((List<?>) model.get("attributes"));
		attributes.add(Map.of("code", "owner", "name", "负责人", "type", "string"));
		model.put("attributes", attributes);
		call(HttpMethod.POST, "/api/v1/cmdb/bundle/import", bundle, 200);
		ProbeOutcome imported = evaluate("cmdb.model.bundles", since);
		assertThat(imported.verdict()).isEqualTo(ProbeVerdict.MET);
		assertThat(imported.ids()).contains(code + " v2");
		assertThat(evaluate("cmdb.model.rollback", since).verdict()).isEqualTo(ProbeVerdict.NOT_MET);

		call(HttpMethod.POST, "/api/v1/cmdb/models/" + code + "/versions/1/restore?allowDestructive=true", null, 200);
		ProbeOutcome restored = evaluate("cmdb.model.rollback", since);
		assertThat(restored.verdict()).isEqualTo(ProbeVerdict.MET);
		assertThat(restored.ids()).containsExactly(code + " v3");
	}

	@Autowired
	DataQuality dataQuality;

	@Test
	void dataQualityProbeIsMetAtTheThresholdAndNotMetOnceIncompleteCisLowerTheScore() throws Exception {
		String group = "mg" + suffix();
		call(HttpMethod.POST, "/api/v1/cmdb/model-groups", Map.of("code", group, "name", "测试组", "nameEn", "Test"), 201);
		String code = "q" + suffix();
		List<Map<String, Object>> attributes = new ArrayList<>();
		Map<String, Object> filled = new java.util.HashMap<>();
		for (int i = 0; i < 10; i++) {
			attributes.add(Map.of("code", "a" + i, "name", "属性" + i, "type", "string", "recommended", true));
			filled.put("a" + i, "v" + i);
		}
		call(HttpMethod.POST, "/api/v1/cmdb/models",
				Map.of("code", code, "name", "质量模型", "nameEn", "Quality", "group", group, "attributes", attributes),
				201);
		for (int i = 0; i < 10; i++) {
			call(HttpMethod.POST, "/api/v1/cmdb/cis",
					Map.of("model", code, "name", code + "-full-" + i, "state", "IN_USE", "attributes", filled), 201);
		}
		double before = this.authorization.runAsSystem(() -> this.dataQuality.current()).overall().overall();
		CmdbDataQualityProbe probe = new CmdbDataQualityProbe(this.dataQuality, before - 0.01);
		ProbeOutcome met = this.authorization
			.runAsSystem(() -> probe.evaluate(new ProbeContext(this.clock.instant(), this.clock.instant())));
		assertThat(met.verdict()).isEqualTo(ProbeVerdict.MET);
		assertThat(((Number) met.counts().get("cis")).longValue()).isGreaterThanOrEqualTo(10);
		assertThat(met.counts()).containsKeys("completeness", "freshness", "overall", "threshold");

		for (int i = 0; i < 20; i++) {
			call(HttpMethod.POST, "/api/v1/cmdb/cis",
					Map.of("model", code, "name", code + "-empty-" + i, "state", "IN_USE", "attributes", Map.of()),
					201);
		}
		double after = this.authorization.runAsSystem(() -> this.dataQuality.current()).overall().overall();
		assertThat(after).as("200 empty recommended slots lower the score").isLessThan(before - 1);
		ProbeOutcome notMet = this.authorization
			.runAsSystem(() -> probe.evaluate(new ProbeContext(this.clock.instant(), this.clock.instant())));
		assertThat(notMet.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		assertThat(notMet.ids()).contains(code);
		assertThat(notMet.summary().en()).contains("below the threshold");
	}

	private void fire(String token, List<String> hosts) throws Exception {
		List<Map<String, Object>> alerts = hosts.stream()
			.map((h) -> Map.<String, Object>of("labels", Map.of("alertname", "MatNoise", "host", h), "annotations",
					Map.of("summary", "noise test")))
			.toList();
		this.mvc
			.perform(request(HttpMethod.POST, "/api/v2/alerts").header("Authorization", "Bearer " + token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(this.json.writeValueAsString(alerts)))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
	}

	@Test
	void alertNoiseProbeMeasuresRawEventsAgainstAlerts() throws Exception {
		Instant since = this.clock.instant();
		// the judgement on a window without events (the shared test context cannot offer
		// one:
		// other classes send alerts with their own timestamps), then on real traffic
		ProbeOutcome quiet = AlertNoiseProbe
			.judge(new io.tianshu.event.EventStatistics.Noise(since, 0, 0, 0, 0, Map.of()), 0.2);
		assertThat(quiet.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		assertThat(quiet.counts()).containsEntry("firingEvents", 0L);
		JsonNode integration = call(HttpMethod.POST, "/api/v1/events/integrations",
				Map.of("name", "mat-noise-" + suffix(), "kind", "prometheus"), 201);
		String token = integration.get("token").asString();
		List<String> hosts = List.of("h1-" + suffix(), "h2-" + suffix(), "h3-" + suffix());
		fire(token, hosts);
		ProbeOutcome each = evaluate("event.alert-noise", since);
		// (its verdict depends on what other test classes still send into the same
		// window;
		// the not-met case is the empty window above)
		assertThat((Long) each.counts().get("firingEvents")).isGreaterThanOrEqualTo(3L);
		assertThat((Long) each.counts().get("alertsOpened")).isGreaterThanOrEqualTo(3L);
		for (int i = 0; i < 3; i++) {
			fire(token, hosts);
		}
		ProbeOutcome merged = evaluate("event.alert-noise", since);
		assertThat(merged.verdict()).isEqualTo(ProbeVerdict.MET);
		assertThat((Long) merged.counts().get("mergedEvents")).isGreaterThanOrEqualTo(9L);
		assertThat(((Number) merged.counts().get("reductionPercent")).doubleValue()).isGreaterThan(20.0);
	}

	@Autowired
	AlertIntake intake;

	private void signal(UUID integration, String fingerprint, Map<String, String> labels) throws Exception {
		this.intake
			.submit(List.of(IncomingSignal.builder(integration, fingerprint, SignalStatus.FIRING, this.clock.instant())
				.severity(Severity.MAJOR, "major")
				.summary(labels.get("alertname") + " " + fingerprint)
				.labels(labels)
				.build()))
			.get(10, TimeUnit.SECONDS);
	}

	@Test
	void groupingProbeIsMetWhenRulesFormGroupsThatMergeAlertsAndInhibitionIsConfigured() throws Exception {
		Instant since = this.clock.instant();
		// a window in which no alert group can exist: before this platform ran at all
		ProbeOutcome empty = this.authorization.runAsSystem(() -> probe("event.alert-grouping")
			.evaluate(new ProbeContext(Instant.parse("2000-01-02T00:00:00Z"), Instant.parse("2000-01-01T00:00:00Z"))));
		assertThat(empty.verdict()).isEqualTo(ProbeVerdict.NOT_MET);
		assertThat(empty.counts()).containsEntry("groupsFormed", 0L).containsEntry("alertsGrouped", 0L);
		assertThat(empty.summary().en()).containsIgnoringCase("no alert group was formed in the evidence window");

		String s = suffix();
		call(HttpMethod.POST, "/api/v1/events/grouping-rules",
				Map.of("name", "mat-grouping " + s, "position", 1, "matchers", List.of("suite=" + s), "groupBy",
						List.of(List.of("alertname")), "groupWait", "200ms", "groupInterval", "1s"),
				201);
		call(HttpMethod.POST, "/api/v1/events/inhibit-rules",
				Map.of("name", "mat-inhibit " + s, "sourceMatchers", List.of("suite=" + s, "alertname=NodeDown"),
						"targetMatchers", List.of("suite=" + s, "tier=app"), "equal", List.of("host")),
				201);
		UUID integration = UUID.fromString(call(HttpMethod.POST, "/api/v1/events/integrations",
				Map.of("name", "mat-grouping-" + s, "kind", "prometheus"), 201)
			.get("id")
			.asString());
		for (String host : List.of("h1", "h2", "h3")) {
			signal(integration, "disk-" + host + "-" + s, Map.of("suite", s, "alertname", "MatDisk", "host", host));
		}
		// the same alert again: raw events outnumber alerts
		signal(integration, "disk-h1-" + s, Map.of("suite", s, "alertname", "MatDisk", "host", "h1"));
		signal(integration, "disk-h1-" + s, Map.of("suite", s, "alertname", "MatDisk", "host", "h1"));

		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(20))
			.until(() -> evaluate("event.alert-grouping", since).verdict() == ProbeVerdict.MET);
		ProbeOutcome met = evaluate("event.alert-grouping", since);
		assertThat(met.counts()).containsKeys("alertsPerGroup", "rawEventsPerGroup", "topologyInhibitionEnabled");
		assertThat((Long) met.counts().get("groupsFormed")).isPositive();
		assertThat((Long) met.counts().get("groupsWithSeveralAlerts")).isPositive();
		assertThat((Long) met.counts().get("alertsGrouped")).isGreaterThanOrEqualTo(3L);
		assertThat((Long) met.counts().get("rawEventsOfGroupedAlerts")).isGreaterThanOrEqualTo(5L);
		assertThat((Long) met.counts().get("enabledInhibitRules")).isPositive();
		assertThat(met.summary().en()).contains("alerts : groups =").contains("raw events : groups =");

	}

	@Test
	void runsAreStoredWithTimeProbeVersionAndFrameworkVersions() {
		ProbeRun run = this.authorization
			.runAsSystem(() -> this.runs.run(List.of("platform.audit.chain"), "MANUAL", this.runs.defaultSince()));
		assertThat(run.results()).singleElement().satisfies((r) -> {
			assertThat(r.probeVersion()).isEqualTo("2");
			assertThat(r.verdict()).isEqualTo(ProbeVerdict.MET);
		});
		assertThat(run.frameworkVersions()).containsEntry("T01", "test-1");
		assertThat(this.jdbc.sql("SELECT framework_versions->>'T01' FROM maturity.probe_run WHERE id = ?")
			.param(run.id())
			.query(String.class)
			.single()).isEqualTo("test-1");
		assertThat(this.authorization.runAsSystem(() -> this.runs.latest()).get("platform.audit.chain").runId())
			.isEqualTo(run.id());
	}

	/**
	 * Every probe binds to the criteria of these frameworks: the real 000 and 001 for the
	 * shipped probes, the test framework T01 for the fixture probe.
	 */
	static final List<String> FRAMEWORKS_THAT_MUST_BIND = List.of("T01", "000", "001");

	@Test
	void everyProbeBindsToTheFrameworksItNames() throws Exception {
		for (String framework : FRAMEWORKS_THAT_MUST_BIND) {
			assertThat(this.frameworks.find(framework)).as(framework + " is loaded").isPresent();
			List<String> named = new ArrayList<>();
			for (Probe probe : this.probes) {
				for (String criterion : probe.criteria()) {
					if (criterion.startsWith(framework + ".")) {
						named.add(criterion);
						assertThat(this.frameworks.criterion(criterion)).as(probe.id() + " → " + criterion).isPresent();
					}
				}
			}
			assertThat(named).as("some probe judges " + framework).isNotEmpty();
		}
		for (Probe probe : this.probes) {
			assertThat(this.runs.bindings(probe).unbound()).as(probe.id() + " has no unbound id").isEmpty();
		}
		JsonNode listed = this.json.readTree(this.mvc
			.perform(get("/api/v1/maturity/probes")
				.with(user("v").authorities(new SimpleGrantedAuthority(MaturityPermissions.READ))))
			.andReturn()
			.getResponse()
			.getContentAsString());
		for (JsonNode probe : listed) {
			if (probe.get("id").asString().equals(FixtureAccess.FIXTURE_PROBE)) {
				assertThat(probe.get("status").asString()).isEqualTo("bound");
			}
			if (probe.get("id").asString().equals("platform.audit.chain")) {
				assertThat(probe.get("status").asString()).isEqualTo("bound");
			}
		}
	}

}
