package io.tianshu.cmdb;

import java.time.Duration;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.tianshu.TianshuIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TianshuIntegrationTest
class CmdbApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CmdbEventProbe probe;

	private static RequestPostProcessor admin() {
		return user("cmdb-admin").authorities(new SimpleGrantedAuthority(CmdbPermissions.MODEL_READ),
				new SimpleGrantedAuthority(CmdbPermissions.MODEL_WRITE),
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

	private String ci(String model, String name, String attributes) throws Exception {
		String response = send(post("/api/v1/cmdb/cis"), """
				{"model": "%s", "name": "%s", "state": "IN_USE", "attributes": %s}""".formatted(model, name,
				attributes))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(response, "$.id");
	}

	private String relate(String type, String source, String target) throws Exception {
		String response = send(post("/api/v1/cmdb/relations"), """
				{"type": "%s", "sourceId": "%s", "targetId": "%s"}""".formatted(type, source, target))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return JsonPath.read(response, "$.id");
	}

	private String host(String name) throws Exception {
		return ci("host", name, """
				{"hostname": "%s", "ip_address": "10.8.0.1"}""".formatted(name));
	}

	@Test
	void builtInModelsAreLoaded() throws Exception {
		this.mvc.perform(get("/api/v1/cmdb/models/business_system").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("业务系统"))
			.andExpect(jsonPath("$.builtIn").value(true))
			.andExpect(jsonPath("$.attributes[?(@.code == 'rto_minutes')].type").value("INT"))
			.andExpect(jsonPath("$.relations[*].type").value(hasItems("contains", "depends_on")));
		this.mvc.perform(get("/api/v1/cmdb/models").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].code").value(hasItems("data_center", "room", "rack", "network_device", "host",
					"os", "db_instance", "middleware_instance", "application", "service", "environment", "ip_subnet")));
		this.mvc.perform(get("/api/v1/cmdb/relation-types").with(admin()))
			.andExpect(jsonPath("$[?(@.code == 'contains')].acyclic").value(true));
	}

	@Test
	void invalidModelsAreRefusedWithFieldErrors() throws Exception {
		send(post("/api/v1/cmdb/models"), """
				{"code": "bad_%s", "name": "坏模型", "group": "iaas", "attributes": [
				  {"code": "a", "name": "A", "type": "string", "regex": "([a-z"},
				  {"code": "b", "name": "B", "type": "int", "min": 10, "max": 1},
				  {"code": "c", "name": "C", "type": "enum"},
				  {"code": "d", "name": "D", "type": "int", "max": 5, "defaultValue": 9}
				]}""".formatted(suffix())).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("validation"))
			.andExpect(jsonPath("$.errors[*].field").value(hasItems("attributes[0].regex", "attributes[1].min",
					"attributes[2].enumValues", "attributes[3].defaultValue")));
		send(post("/api/v1/cmdb/models"), """
				{"code": "bad_%s", "name": "坏模型", "group": "nowhere", "attributes": [
				  {"code": "a", "name": "A", "type": "colour"}]}""".formatted(suffix()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("attributes[0].type"));
		send(post("/api/v1/cmdb/models"), """
				{"code": "x_%s", "name": "X", "group": "nowhere", "attributes": []}""".formatted(suffix()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("cmdb.model.unknown-group"));
		this.mvc.perform(get("/api/v1/cmdb/models/no_such_model").with(admin()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("cmdb.model.not-found"));
	}

	@Test
	void everyModelChangeIsAVersionWithADiff() throws Exception {
		String code = "switchgear_" + suffix();
		String v1 = """
				{"code": "%s", "name": "配电柜", "group": "facility", "attributes": [
				  {"code": "serial", "name": "序列号", "type": "string"}]}""".formatted(code);
		send(post("/api/v1/cmdb/models"), v1).andExpect(status().isCreated()).andExpect(jsonPath("$.version").value(1));
		send(put("/api/v1/cmdb/models/" + code), v1).andExpect(jsonPath("$.version").value(1));
		send(put("/api/v1/cmdb/models/" + code), """
				{"name": "配电柜", "group": "facility", "attributes": [
				  {"code": "serial", "name": "序列号", "type": "string", "required": true},
				  {"code": "amps", "name": "额定电流", "type": "int", "min": 0}],
				 "identificationRules": [{"name": "serial", "attributes": ["serial"]}]}""").andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(2));
		this.mvc.perform(get("/api/v1/cmdb/models/" + code + "/versions").with(admin()))
			.andExpect(jsonPath("$[0].version").value(2))
			.andExpect(jsonPath("$[0].actor").value("cmdb-admin"))
			.andExpect(jsonPath("$[1].version").value(1));
		this.mvc.perform(get("/api/v1/cmdb/models/" + code + "/versions/2/diff").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changes[*].text").value(hasItems("attribute serial: required false → true",
					"attribute amps added (int)", "identification rule serial added (serial)")));
		this.mvc.perform(get("/api/v1/cmdb/models/" + code + "/versions/1").with(admin()))
			.andExpect(jsonPath("$.attributes.length()").value(1));
		this.mvc.perform(get("/api/v1/cmdb/models/" + code + "/versions/9/diff").with(admin()))
			.andExpect(status().isNotFound());
	}

	@Test
	void ciLifecycleHistoryAndPointInTime() throws Exception {
		String name = "trade-app-" + suffix();
		send(post("/api/v1/cmdb/cis"), """
				{"model": "host", "name": "%s", "attributes": {"hostname": "%s", "cpu_cores": "8",
				 "ip_address": "10.0.0.300", "memory_gb": 0, "colour": "red"}}""".formatted(name, name))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field").value(hasItems("attributes.cpu_cores", "attributes.ip_address",
					"attributes.memory_gb", "attributes.colour")))
			.andExpect(jsonPath("$.errors[?(@.field == 'attributes.colour')].code").value("cmdb.ci.attribute.unknown"))
			.andExpect(jsonPath("$.errors[?(@.field == 'attributes.cpu_cores')].code").value("cmdb.ci.attribute.type"));
		send(post("/api/v1/cmdb/cis"), """
				{"model": "spaceship", "name": "x", "attributes": {}}""").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("model"));
		String response = send(post("/api/v1/cmdb/cis").header("X-Change-Source", "CONSOLE"),
				"""
						{"model": "host", "name": "%s", "attributes": {"hostname": "%s", "cpu_cores": 8}}"""
					.formatted(name, name))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("PLANNED"))
			.andExpect(jsonPath("$.attributes.host_type").value("virtual"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = JsonPath.read(response, "$.id");
		send(put("/api/v1/cmdb/cis/" + id), """
				{"name": "%s", "attributes": {"hostname": "%s", "cpu_cores": 16, "host_type": "virtual"}}"""
			.formatted(name, name)).andExpect(status().isOk()).andExpect(jsonPath("$.version").value(2));
		send(post("/api/v1/cmdb/cis/" + id + "/state"), """
				{"state": "MAINTENANCE"}""").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cmdb.ci.state-transition"));
		send(post("/api/v1/cmdb/cis/" + id + "/state"), """
				{"state": "IN_USE"}""").andExpect(status().isOk()).andExpect(jsonPath("$.version").value(3));
		String history = this.mvc
			.perform(get("/api/v1/cmdb/cis/" + id + "/history").with(admin()).header("X-Request-Id", "req-cmdb-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[0].change").value("CREATED"))
			.andExpect(jsonPath("$[0].source").value("CONSOLE"))
			.andExpect(jsonPath("$[0].actor").value("cmdb-admin"))
			.andExpect(jsonPath("$[1].diff['attributes.cpu_cores'].from").value(8))
			.andExpect(jsonPath("$[1].diff['attributes.cpu_cores'].to").value(16))
			.andExpect(jsonPath("$[2].diff.state.to").value("IN_USE"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String createdAt = JsonPath.read(history, "$[0].changedAt");
		this.mvc.perform(get("/api/v1/cmdb/cis/" + id).param("asOf", createdAt).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.state").value("PLANNED"))
			.andExpect(jsonPath("$.attributes.cpu_cores").value(8));
		this.mvc.perform(get("/api/v1/cmdb/cis/" + id).with(admin()))
			.andExpect(jsonPath("$.attributes.cpu_cores").value(16))
			.andExpect(jsonPath("$.state").value("IN_USE"));
		this.mvc.perform(get("/api/v1/cmdb/cis/" + id).param("asOf", "2000-01-01T00:00:00Z").with(admin()))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/cmdb/cis/" + id).param("asOf", "yesterday").with(admin()))
			.andExpect(status().isUnprocessableContent());
		send(post("/api/v1/cmdb/cis/" + id + "/retire"), "").andExpect(jsonPath("$.state").value("RETIRED"));
		send(put("/api/v1/cmdb/cis/" + id), """
				{"name": "%s", "attributes": {"hostname": "%s"}}""".formatted(name, name))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cmdb.ci.retired"));
	}

	@Test
	void duplicatesAreRefusedAndRetirementReleasesThem() throws Exception {
		String code = "APP_" + suffix().toUpperCase().replace('-', '_');
		String first = ci("application", "应用一", """
				{"app_code": "%s"}""".formatted(code));
		send(post("/api/v1/cmdb/cis"), """
				{"model": "application", "name": "应用二", "attributes": {"app_code": "%s"}}""".formatted(code))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cmdb.ci.duplicate-value"))
			.andExpect(jsonPath("$.params.existingId").value(first));
		String hostname = "db-" + suffix();
		host(hostname);
		send(post("/api/v1/cmdb/cis"), """
				{"model": "host", "name": "other", "attributes": {"hostname": "%s"}}""".formatted(hostname))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cmdb.ci.duplicate-identity"))
			.andExpect(jsonPath("$.params.rule").value("hostname"));
		send(post("/api/v1/cmdb/cis/" + first + "/retire"), "").andExpect(status().isOk());
		ci("application", "应用一 (新)", """
				{"app_code": "%s"}""".formatted(code));
		this.mvc.perform(get("/api/v1/cmdb/cis").param("model", "application").param("a.app_code", code).with(admin()))
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.items[0].name").value("应用一 (新)"));
	}

	@Test
	void searchByAttributeWithCursorPaging() throws Exception {
		String prefix = "srch-" + suffix();
		for (int i = 0; i < 5; i++) {
			ci("host", prefix + "-" + i, """
					{"hostname": "%s-%d", "cpu_cores": %d, "environment": "uat"}""".formatted(prefix, i,
					(i % 2 == 0) ? 4 : 8));
		}
		String page = this.mvc
			.perform(get("/api/v1/cmdb/cis").param("model", "host")
				.param("a.hostname", prefix + "*")
				.param("limit", "2")
				.with(admin()))
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.items[0].name").value(prefix + "-0"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String cursor = JsonPath.read(page, "$.nextCursor");
		this.mvc
			.perform(get("/api/v1/cmdb/cis").param("model", "host")
				.param("a.hostname", prefix + "*")
				.param("limit", "2")
				.param("cursor", cursor)
				.with(admin()))
			.andExpect(jsonPath("$.items[0].name").value(prefix + "-2"));
		this.mvc
			.perform(get("/api/v1/cmdb/cis").param("model", "host")
				.param("name", prefix)
				.param("a.cpu_cores", "8")
				.with(admin()))
			.andExpect(jsonPath("$.items[*].name").value(contains(prefix + "-1", prefix + "-3")));
		this.mvc.perform(get("/api/v1/cmdb/cis").param("model", "host").param("a.cpu_cores", "many").with(admin()))
			.andExpect(status().isUnprocessableContent());
		this.mvc.perform(get("/api/v1/cmdb/cis").param("model", "host").param("a.nope", "1").with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("cmdb.ci.attribute.unknown"));
	}

	@Test
	void relationsEnforceDefinitionsCardinalityAndCycles() throws Exception {
		String host = host("rel-" + suffix());
		String os1 = ci("os", "linux-1", """
				{"os_type": "linux", "os_version": "8.9"}""");
		String os2 = ci("os", "linux-2", """
				{"os_type": "linux", "os_version": "9.3"}""");
		relate("contains", host, os1);
		send(post("/api/v1/cmdb/relations"), """
				{"type": "contains", "sourceId": "%s", "targetId": "%s"}""".formatted(host, os2))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cmdb.relation.cardinality"));
		send(post("/api/v1/cmdb/relations"), """
				{"type": "runs_on", "sourceId": "%s", "targetId": "%s"}""".formatted(os2, host))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.relation.not-defined"));
		String app = ci("application", "自依赖", """
				{"app_code": "SELF_%s"}""".formatted(suffix().toUpperCase()));
		send(post("/api/v1/cmdb/relations"), """
				{"type": "depends_on", "sourceId": "%s", "targetId": "%s"}""".formatted(app, app))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].code").value("cmdb.relation.self"));
		// containment cycles: a model that may contain itself
		String zone = "zone_" + suffix();
		send(post("/api/v1/cmdb/models"), """
				{"code": "%s", "name": "区域", "group": "facility", "attributes": []}""".formatted(zone))
			.andExpect(status().isCreated());
		send(post("/api/v1/cmdb/relation-definitions"), """
				{"sourceModel": "%s", "targetModel": "%s", "type": "contains", "cardinality": "MANY_TO_MANY",
				 "deleteBehaviour": "DETACH"}""".formatted(zone, zone)).andExpect(status().isCreated());
		this.mvc.perform(get("/api/v1/cmdb/models/" + zone + "/versions").with(admin()))
			.andExpect(jsonPath("$[0].version").value(2))
			.andExpect(jsonPath("$[0].summary").value("relation contains->" + zone + " added (MANY_TO_MANY, DETACH)"));
		String a = ci(zone, "A", "{}");
		String b = ci(zone, "B", "{}");
		String c = ci(zone, "C", "{}");
		relate("contains", a, b);
		relate("contains", b, c);
		send(post("/api/v1/cmdb/relations"), """
				{"type": "contains", "sourceId": "%s", "targetId": "%s"}""".formatted(c, a))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cmdb.relation.cycle"));
		this.mvc.perform(get("/api/v1/cmdb/cis/" + b + "/relations").with(admin()))
			.andExpect(jsonPath("$.length()").value(2));
	}

	@Test
	void retirementCascadesBlocksAndDetaches() throws Exception {
		String rack = ci("rack", "R-" + suffix(), """
				{"rack_code": "R-%s"}""".formatted(suffix()));
		String host = host("ret-" + suffix());
		String os = ci("os", "os-of-host", """
				{"os_type": "linux", "os_version": "8"}""");
		String app = ci("application", "依赖主机的应用", """
				{"app_code": "RET_%s"}""".formatted(suffix().toUpperCase()));
		relate("contains", rack, host);
		relate("contains", host, os);
		String runsOn = relate("runs_on", app, host);
		send(post("/api/v1/cmdb/cis/" + rack + "/retire"), "").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cmdb.ci.retire-blocked"));
		send(post("/api/v1/cmdb/cis/" + host + "/retire"), "").andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/cmdb/cis/" + os).with(admin())).andExpect(jsonPath("$.state").value("RETIRED"));
		this.mvc.perform(get("/api/v1/cmdb/cis/" + app).with(admin())).andExpect(jsonPath("$.state").value("IN_USE"));
		this.mvc.perform(get("/api/v1/cmdb/cis/" + app + "/relations").with(admin()))
			.andExpect(jsonPath("$.length()").value(0));
		this.mvc.perform(get("/api/v1/cmdb/cis/" + app + "/relation-history").with(admin()))
			.andExpect(jsonPath("$[*].change").value(contains("CREATED", "DELETED")))
			.andExpect(jsonPath("$[1].reason").value("retired " + host))
			.andExpect(jsonPath("$[1].relation").value(runsOn));
		send(post("/api/v1/cmdb/cis/" + rack + "/retire"), "").andExpect(status().isOk());
	}

	@Test
	void impactAndPath() throws Exception {
		String host = host("imp-" + suffix());
		String db = ci("db_instance", "db", """
				{"instance_name": "ORA_%s", "db_type": "oracle"}""".formatted(suffix()));
		String app = ci("application", "集中交易核心", """
				{"app_code": "IMP_%s"}""".formatted(suffix().toUpperCase()));
		String system = ci("business_system", "集中交易", """
				{"system_code": "IMP_%s", "business_grade": "A", "rto_minutes": 15, "rpo_minutes": 0}"""
			.formatted(suffix().toUpperCase()));
		relate("runs_on", db, host);
		relate("depends_on", app, db);
		relate("contains", system, app);
		this.mvc
			.perform(get("/api/v1/cmdb/cis/" + host + "/impact").param("direction", "UPSTREAM")
				.param("depth", "2")
				.with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.nodes[0].id").value(host))
			.andExpect(jsonPath("$.nodes[*].id").value(hasItems(host, db, app)))
			.andExpect(jsonPath("$.nodes[*].id").value(not(hasItem(system))))
			.andExpect(jsonPath("$.nodes[?(@.id == '%s')].depth".formatted(app)).value(2))
			.andExpect(jsonPath("$.edges.length()").value(2));
		this.mvc
			.perform(get("/api/v1/cmdb/cis/" + system + "/impact").param("depth", "5")
				.param("types", "contains,depends_on")
				.with(admin()))
			.andExpect(jsonPath("$.nodes[*].id").value(contains(system, app, db)));
		this.mvc.perform(get("/api/v1/cmdb/topology/path").param("from", system).param("to", host).with(admin()))
			.andExpect(jsonPath("$.nodes[*].id").value(contains(system, app, db, host)))
			.andExpect(jsonPath("$.edges.length()").value(3));
		this.mvc.perform(get("/api/v1/cmdb/cis/" + host + "/impact").param("depth", "11").with(admin()))
			.andExpect(status().isUnprocessableContent());
	}

	@Test
	void changesArePublishedAsModuleEvents() throws Exception {
		String host = host("evt-" + suffix());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.probe.ciChanges())
				.anyMatch((e) -> e.ci().toString().equals(host) && e.kind() == CiChanged.Kind.CREATED));
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM platform.event_publication
				WHERE event_type = ? AND serialized_event LIKE ? AND listener_id LIKE '%CmdbEventProbe%'""")
			.params(CiChanged.class.getName(), "%" + host + "%")
			.query(Integer.class)
			.single()).isEqualTo(1);
		String os = ci("os", "evt-os", """
				{"os_type": "linux", "os_version": "8"}""");
		String relation = relate("contains", host, os);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.probe.relationChanges())
				.anyMatch((e) -> e.relation().toString().equals(relation)));
		send(delete("/api/v1/cmdb/relations/" + relation), "").andExpect(status().isNoContent());
	}

	@Test
	void permissionsAreRequired() throws Exception {
		this.mvc.perform(get("/api/v1/cmdb/models").with(user("nobody"))).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/v1/cmdb/cis")
				.with(user("reader").authorities(new SimpleGrantedAuthority(CmdbPermissions.CI_READ)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"model\": \"host\", \"name\": \"x\", \"attributes\": {}}"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/v1/cmdb/models")
				.with(user("reader").authorities(new SimpleGrantedAuthority(CmdbPermissions.MODEL_READ)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isForbidden());
	}

}
