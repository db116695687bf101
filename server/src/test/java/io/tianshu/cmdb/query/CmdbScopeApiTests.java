package io.tianshu.cmdb.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.TianshuProperties;
import io.tianshu.platform.identity.Browser;
import io.tianshu.platform.identity.IdentityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static io.tianshu.cmdb.query.CmdbWorld.names;
import static io.tianshu.cmdb.query.CmdbWorld.search;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scope enforcement with real users whose role assignments are limited to a business
 * system and/or an environment; the business view's shape.
 */
@TianshuIntegrationTest
class CmdbScopeApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	IdentityFixtures fixtures;

	Browser admin;

	CmdbWorld w;

	@BeforeEach
	void world() {
		this.fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		this.admin = this.fixtures.admin();
		this.w = new CmdbWorld(this.admin);
	}

	/** A signed-in user with the roles, each with its scope (system, environment). */
	private Browser user(String... roleAndScope) {
		return CmdbWorld.scopedUser(this.fixtures, this.admin, "cmdb-scope", "Scoped-Passphrase-" + this.w.s,
				roleAndScope);
	}

	private List<String> mine(Browser browser) {
		return names(search(browser, "name ~ \"*-" + this.w.s + "\""));
	}

	private static List<String> nodeNames(JsonNode graph) {
		List<String> names = new ArrayList<>();
		graph.get("nodes").forEach((n) -> names.add(n.get("name").asString()));
		return names;
	}

	private Map<String, Object> host(String name, String environment) {
		return Map.of("model", "host", "name", name, "attributes",
				Map.of("hostname", name, "host_type", "virtual", "environment", environment, "cpu_cores", 16));
	}

	@Test
	void aBusinessSystemScopeSeesWhatTheSystemOwnsAndNothingElse() {
		String s = this.w.s;
		Browser viewer = user("viewer", "BS-" + s, null);
		assertThat(mine(viewer)).containsExactly("BS-" + s, "app-" + s, "db-" + s, "h1-" + s, "h2-" + s, "svc-" + s);
		viewer.get("/api/v1/cmdb/cis/" + this.w.h1).expect(200);
		assertThat(viewer.get("/api/v1/cmdb/cis/" + this.w.h3).expect(404).code()).isEqualTo("cmdb.ci.not-found");
		viewer.get("/api/v1/cmdb/cis/" + this.w.rack + "/history").expect(404);
		viewer.get("/api/v1/cmdb/cis/" + this.w.rack + "/relations").expect(404);
		// the rack that contains h1 is not the system's: its relation is left out
		JsonNode relations = viewer.get("/api/v1/cmdb/cis/" + this.w.h1 + "/relations").expect(200).body();
		assertThat(relations).hasSize(1);
		assertThat(relations.get(0).get("type").asString()).isEqualTo("runs_on");
		assertThat(viewer.get("/api/v1/cmdb/cis/" + this.w.h1 + "/relation-history").expect(200).body()).hasSize(1);
		JsonNode upstream = viewer.get("/api/v1/cmdb/cis/" + this.w.h1 + "/impact?direction=UPSTREAM&depth=3")
			.expect(200)
			.body();
		assertThat(nodeNames(upstream)).containsExactly("h1-" + s, "app-" + s, "BS-" + s);
		assertThat(upstream.get("edges")).hasSize(2);
		assertThat(nodeNames(this.admin.get("/api/v1/cmdb/cis/" + this.w.h1 + "/impact?direction=UPSTREAM&depth=3")
			.expect(200)
			.body())).contains("rk-" + s);
		viewer.get("/api/v1/cmdb/topology/path?from=" + this.w.h1 + "&to=" + this.w.h3).expect(404);
		assertThat(nodeNames(
				viewer.get("/api/v1/cmdb/topology/path?from=" + this.w.h1 + "&to=" + this.w.h2).expect(200).body()))
			.containsExactly("h1-" + s, "app-" + s, "db-" + s, "h2-" + s);
		// relation conditions do not reach outside the scope either
		assertThat(names(search(viewer, "model = host and <-[contains]- (model = rack)"))).isEmpty();
		assertThat(nodeNames(viewer.get("/api/v1/cmdb/business-systems/" + this.w.system + "/view").expect(200).body()))
			.doesNotContain("rk-" + s)
			.contains("h1-" + s);
	}

	@Test
	void aSystemAndEnvironmentScopeChangesOnlyItsCis() {
		String s = this.w.s;
		// named by system_code this time
		Browser operator = user("operator", "T" + s.toUpperCase(Locale.ROOT), "prod");
		assertThat(mine(operator)).containsExactly("BS-" + s, "app-" + s, "db-" + s, "h1-" + s, "svc-" + s);
		operator.put("/api/v1/cmdb/cis/" + this.w.h1, host("h1-" + s, "prod")).expect(200);
		// not out of the scope: the host stays in prod
		assertThat(operator.put("/api/v1/cmdb/cis/" + this.w.h1, host("h1-" + s, "uat")).expect(403).code())
			.isEqualTo("cmdb.scope.denied");
		assertThat(
				this.admin.get("/api/v1/cmdb/cis/" + this.w.h1).body().get("attributes").get("environment").asString())
			.isEqualTo("prod");
		operator.put("/api/v1/cmdb/cis/" + this.w.h2, host("h2-" + s, "uat")).expect(404);
		assertThat(operator.post("/api/v1/cmdb/cis", host("new-" + s, "prod")).expect(403).code())
			.isEqualTo("cmdb.scope.denied");
		operator
			.post("/api/v1/cmdb/relations", Map.of("type", "runs_on", "sourceId", this.w.app, "targetId", this.w.h3))
			.expect(404);
		operator.post("/api/v1/cmdb/cis/" + this.w.h2 + "/retire", null).expect(404);
	}

	@Test
	void seeingEverywhereButChangingOneSystemIsForbiddenOutsideIt() {
		String s = this.w.s;
		Browser both = user("viewer", null, null, "operator", "BS-" + s, null);
		assertThat(mine(both)).contains("h3-" + s, "rk-" + s);
		assertThat(both.put("/api/v1/cmdb/cis/" + this.w.h3, host("h3-" + s, "prod")).expect(403).code())
			.isEqualTo("cmdb.scope.denied");
		both.post("/api/v1/cmdb/cis/" + this.w.h3 + "/retire", null).expect(403);
		both.post("/api/v1/cmdb/cis/" + this.w.h3 + "/state", Map.of("state", "MAINTENANCE")).expect(403);
		assertThat(both
			.post("/api/v1/cmdb/relations", Map.of("type", "runs_on", "sourceId", this.w.app, "targetId", this.w.h3))
			.expect(403)
			.code()).isEqualTo("cmdb.scope.denied");
		String rackContainsH1 = this.admin.get("/api/v1/cmdb/cis/" + this.w.h1 + "/relations")
			.body()
			.valueStream()
			.filter((r) -> r.get("type").asString().equals("contains"))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asString();
		both.delete("/api/v1/cmdb/relations/" + rackContainsH1, null).expect(403);
		both.put("/api/v1/cmdb/cis/" + this.w.h2, host("h2-" + s, "uat")).expect(200);
		String dbRunsOnH2 = CmdbWorld.relate(this.admin, "depends_on", this.w.app, CmdbWorld.ci(this.admin,
				"middleware_instance", "mq-" + s, Map.of("instance_name", "mq-" + s, "mw_type", "kafka")));
		// the new middleware is now the system's, so its relation may go
		both.delete("/api/v1/cmdb/relations/" + dbRunsOnH2, null).expect(204);
	}

	@Test
	void anEnvironmentScopeCreatesInItsEnvironmentOnly() {
		String s = this.w.s;
		Browser uat = user("operator", null, "uat");
		assertThat(mine(uat)).containsExactly("h2-" + s);
		uat.post("/api/v1/cmdb/cis", host("new-" + s, "uat")).expect(201);
		assertThat(uat.post("/api/v1/cmdb/cis", host("prod-" + s, "prod")).expect(403).code())
			.isEqualTo("cmdb.scope.denied");
		assertThat(mine(uat)).containsExactly("h2-" + s, "new-" + s);
	}

	@Test
	void theBusinessViewHasEveryLayer() {
		String s = this.w.s;
		JsonNode view = this.admin.get("/api/v1/cmdb/business-systems/" + this.w.system + "/view").expect(200).body();
		Map<String, String> layers = new java.util.TreeMap<>();
		view.get("nodes").forEach((n) -> layers.put(n.get("name").asString(), n.get("layer").asString()));
		assertThat(layers).containsExactlyInAnyOrderEntriesOf(
				Map.of("BS-" + s, "BUSINESS_SYSTEM", "app-" + s, "APPLICATION", "svc-" + s, "SERVICE", "db-" + s,
						"INSTANCE", "h1-" + s, "HOST", "h2-" + s, "HOST", "rk-" + s, "INFRASTRUCTURE"));
		assertThat(view.get("edges")).hasSize(6);
		assertThat(view.get("system").asString()).isEqualTo(this.w.system);
		assertThat(this.admin.get("/api/v1/cmdb/business-systems/" + this.w.h1 + "/view").expect(422).code())
			.isEqualTo("cmdb.topology.not-business-system");
		this.admin.get("/api/v1/cmdb/business-systems/" + UUID.randomUUID() + "/view").expect(404);
	}

}
