package io.tianshu.cmdb;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.tianshu.TianshuIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Model bundles, restores and what model changes do to existing CIs, over HTTP against
 * the real database.
 */
@TianshuIntegrationTest
class CmdbModelBundleApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	private static RequestPostProcessor admin() {
		return user("bundle-admin").authorities(new SimpleGrantedAuthority(CmdbPermissions.MODEL_READ),
				new SimpleGrantedAuthority(CmdbPermissions.MODEL_WRITE),
				new SimpleGrantedAuthority(CmdbPermissions.CI_READ),
				new SimpleGrantedAuthority(CmdbPermissions.CI_WRITE),
				new SimpleGrantedAuthority(CmdbPermissions.RELATION_WRITE));
	}

	private static String suffix() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
		return this.mvc
			.perform(request.with(admin()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private String body(ResultActions actions) throws Exception {
		return actions.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private String ci(String model, String name, String attributes) throws Exception {
		return JsonPath.read(body(send(post("/api/v1/cmdb/cis"), """
				{"model": "%s", "name": "%s", "state": "IN_USE", "attributes": %s}""".formatted(model, name,
				attributes))
			.andExpect(status().isCreated())), "$.id");
	}

	private static String cabinet(String code, String extra) {
		return """
				{"code": "%s", "name": "配电柜", "group": "facility", "attributes": [
				  {"code": "serial", "name": "序列号", "type": "string", "unique": true},
				  {"code": "tier", "name": "等级", "type": "enum", "enumValues": ["gold", "silver"]}%s],
				 "identificationRules": [{"name": "serial", "attributes": ["serial"]}]}""".formatted(code, extra);
	}

	@Test
	void exportThenImportRestoresChangedModelsInOneVersionEach() throws Exception {
		String s = suffix();
		String cabinet = "cab_" + s;
		String feed = "feed_" + s;
		String type = "feeds_" + s;
		send(post("/api/v1/cmdb/models"), cabinet(cabinet, "")).andExpect(status().isCreated());
		send(post("/api/v1/cmdb/models"), """
				{"code": "%s", "name": "馈线", "group": "facility", "attributes": [
				  {"code": "cabinet", "name": "配电柜", "type": "reference", "referenceModel": "%s"}]}""".formatted(feed,
				cabinet))
			.andExpect(status().isCreated());
		send(post("/api/v1/cmdb/relation-types"), """
				{"code": "%s", "forwardLabel": "供电", "reverseLabel": "受电于"}""".formatted(type))
			.andExpect(status().isCreated());
		send(post("/api/v1/cmdb/relation-definitions"), """
				{"sourceModel": "%s", "targetModel": "%s", "type": "%s", "cardinality": "ONE_TO_MANY",
				 "deleteBehaviour": "BLOCK"}""".formatted(cabinet, feed, type)).andExpect(status().isCreated());

		String bundle = body(this.mvc
			.perform(get("/api/v1/cmdb/bundle").param("models", cabinet + "," + feed).with(admin()))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", startsWith("attachment; filename=\"tianshu-models-")))
			.andExpect(jsonPath("$.formatVersion").value(1))
			.andExpect(jsonPath("$.models[*].code").value(containsInAnyOrder(cabinet, feed)))
			.andExpect(jsonPath("$.models[0].attributes[1].enumValues").value(hasItems("gold", "silver")))
			.andExpect(jsonPath("$.relationTypes[*].code").value(contains(type)))
			.andExpect(jsonPath("$.modelGroups[*].code").value(contains("facility")))
			.andExpect(jsonPath("$.relationDefinitions[0].type").value(type))
			.andExpect(jsonPath("$.relationDefinitions[0].cardinality").value("ONE_TO_MANY")));
		assertThat(bundle).doesNotContain("\"id\"").doesNotContain("ownerTeamId");

		// the model moves on here: renamed, an attribute added, an enum value removed,
		// the
		// definition changed
		send(put("/api/v1/cmdb/models/" + cabinet), cabinet(cabinet, """
				, {"code": "amps", "name": "额定电流", "type": "int"}""").replace("配电柜", "低压配电柜")
			.replace("\"gold\", \"silver\"", "\"gold\"")).andExpect(jsonPath("$.version").value(3));

		String preview = body(send(post("/api/v1/cmdb/bundle/preview"), bundle).andExpect(status().isOk())
			.andExpect(jsonPath("$.models[?(@.code == '%s')].action".formatted(feed)).value("UNCHANGED"))
			.andExpect(jsonPath("$.models[?(@.code == '%s')].action".formatted(cabinet)).value("CHANGED"))
			.andExpect(jsonPath("$.relationTypes[0].action").value("UNCHANGED"))
			.andExpect(jsonPath("$.destructive").value(true)));
		List<String> paths = JsonPath.read(preview, "$.models[?(@.code == '%s')].changes[*].path".formatted(cabinet));
		assertThat(paths).containsExactlyInAnyOrder("name", "attributes.tier.enumValues", "attributes.amps");
		List<Boolean> removedIsDestructive = JsonPath.read(preview,
				"$.models[*].changes[?(@.path == 'attributes.amps')].destructive");
		assertThat(removedIsDestructive).containsExactly(true);
		List<String> reasons = JsonPath.read(preview, "$.models[*].changes[?(@.destructive == true)].reason");
		assertThat(reasons).containsExactly("attribute-removed");
		List<Boolean> enumWidening = JsonPath.read(preview,
				"$.models[*].changes[?(@.path == 'attributes.tier.enumValues')].destructive");
		assertThat(enumWidening).containsExactly(false);

		send(post("/api/v1/cmdb/bundle/import"), bundle).andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cmdb.bundle.destructive"))
			.andExpect(jsonPath("$.params.destructiveChanges").value(contains(cabinet + ": attribute amps removed")));
		this.mvc.perform(get("/api/v1/cmdb/models/" + cabinet).with(admin()))
			.andExpect(jsonPath("$.version").value(3))
			.andExpect(jsonPath("$.name").value("低压配电柜"));
		assertThat(audits("cmdb.bundle.imported", "FAILURE", cabinet)).isEqualTo(1);

		send(post("/api/v1/cmdb/bundle/import").param("allowDestructive", "true"), bundle).andExpect(status().isOk())
			.andExpect(jsonPath("$.versions." + cabinet).value(4))
			.andExpect(jsonPath("$.versions." + feed).value(1));
		this.mvc.perform(get("/api/v1/cmdb/models/" + cabinet).with(admin()))
			.andExpect(jsonPath("$.name").value("配电柜"))
			.andExpect(jsonPath("$.attributes[*].code").value(contains("serial", "tier")))
			.andExpect(jsonPath("$.attributes[1].enumValues").value(contains("gold", "silver")));
		this.mvc.perform(get("/api/v1/cmdb/models/" + cabinet + "/versions/4/diff").param("from", "2").with(admin()))
			.andExpect(jsonPath("$.changes.length()").value(0));
		this.mvc.perform(get("/api/v1/cmdb/models/" + cabinet + "/versions").with(admin()))
			.andExpect(jsonPath("$[0].version").value(4))
			.andExpect(jsonPath("$[0].summary").value(containsString("(bundle import)")));
		assertThat(audits("cmdb.bundle.imported", "SUCCESS", cabinet)).isEqualTo(1);

		// the same bundle again changes nothing and stores no version
		send(post("/api/v1/cmdb/bundle/import"), bundle).andExpect(status().isOk())
			.andExpect(jsonPath("$.versions." + cabinet).value(4));
	}

	@Test
	void importCreatesModelsGroupsRelationTypesAndDefinitionsOfAnotherEnvironment() throws Exception {
		String s = suffix();
		String bundle = """
				{"formatVersion": 1, "exportedAt": "2025-10-09T02:00:00Z", "exportedBy": "prod-admin",
				 "modelGroups": [{"code": "grp_%1$s", "name": "量化平台", "nameEn": "Quant", "sortOrder": 60}],
				 "relationTypes": [{"code": "hosts_%1$s", "forwardLabel": "承载", "reverseLabel": "承载于",
				                    "acyclic": false}],
				 "models": [
				   {"code": "strategy_%1$s", "name": "策略", "group": "grp_%1$s", "attributes": [
				      {"code": "engine", "name": "引擎", "type": "reference", "referenceModel": "engine_%1$s"}]},
				   {"code": "engine_%1$s", "name": "引擎", "group": "grp_%1$s", "attributes": [
				      {"code": "version", "name": "版本", "type": "STRING", "required": true}]}],
				 "relationDefinitions": [{"sourceModel": "engine_%1$s", "targetModel": "strategy_%1$s",
				   "type": "hosts_%1$s", "cardinality": "ONE_TO_MANY", "deleteBehaviour": "CASCADE"}]}""".formatted(s);
		MockMultipartFile file = new MockMultipartFile("file", "bundle.json", "application/json",
				bundle.getBytes(StandardCharsets.UTF_8));
		this.mvc.perform(multipart("/api/v1/cmdb/bundle/preview").file(file).with(admin()).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.modelGroups[0].action").value("ADDED"))
			.andExpect(jsonPath("$.relationTypes[0].action").value("ADDED"))
			.andExpect(jsonPath("$.models[*].action").value(contains("ADDED", "ADDED")))
			.andExpect(jsonPath("$.destructive").value(false));
		this.mvc.perform(multipart("/api/v1/cmdb/bundle/import").file(file).with(admin()).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.versions.engine_" + s).value(1));
		this.mvc.perform(get("/api/v1/cmdb/models/engine_" + s).with(admin()))
			.andExpect(jsonPath("$.group").value("grp_" + s))
			.andExpect(jsonPath("$.relations[0].type").value("hosts_" + s))
			.andExpect(jsonPath("$.relations[0].deleteBehaviour").value("CASCADE"));
		this.mvc.perform(get("/api/v1/cmdb/models/engine_" + s + "/versions").with(admin()))
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].summary").value("model created (bundle import)"));
		this.mvc.perform(get("/api/v1/cmdb/relation-types").with(admin()))
			.andExpect(jsonPath("$[?(@.code == 'hosts_%s')].forwardLabel".formatted(s)).value("承载"));
	}

	@Test
	void restoreCreatesANewVersionEqualToTheOldOne() throws Exception {
		String code = "cab_" + suffix();
		send(post("/api/v1/cmdb/models"), cabinet(code, "")).andExpect(status().isCreated());
		send(put("/api/v1/cmdb/models/" + code), cabinet(code, """
				, {"code": "amps", "name": "额定电流", "type": "int"}""")).andExpect(jsonPath("$.version").value(2));

		this.mvc.perform(get("/api/v1/cmdb/models/" + code + "/versions/1/restore-preview").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.changes[0].path").value("attributes.amps"))
			.andExpect(jsonPath("$.changes[0].reason").value("attribute-removed"));
		send(post("/api/v1/cmdb/models/" + code + "/versions/1/restore"), "").andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("cmdb.model.destructive"))
			.andExpect(jsonPath("$.params.destructiveChanges").value(contains("attribute amps removed")));
		send(post("/api/v1/cmdb/models/" + code + "/versions/1/restore").param("allowDestructive", "true"), "")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(3))
			.andExpect(jsonPath("$.attributes.length()").value(2));
		this.mvc.perform(get("/api/v1/cmdb/models/" + code + "/versions/3/diff").param("from", "1").with(admin()))
			.andExpect(jsonPath("$.changes.length()").value(0));
		this.mvc.perform(get("/api/v1/cmdb/models/" + code + "/versions").with(admin()))
			.andExpect(jsonPath("$.length()").value(3))
			.andExpect(jsonPath("$[0].summary").value("attribute amps removed (restored from version 1)"))
			.andExpect(jsonPath("$[2].version").value(1));
		// restoring a version equal to the current one stores nothing
		send(post("/api/v1/cmdb/models/" + code + "/versions/1/restore"), "").andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(3));
		send(post("/api/v1/cmdb/models/" + code + "/versions/7/restore"), "").andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("cmdb.model.version-not-found"));
		assertThat(audits("cmdb.model.restored", "SUCCESS", code)).isEqualTo(1);
	}

	@Test
	void modelChangesMigrateOrFlagExistingCis() throws Exception {
		String code = "ups_" + suffix();
		String v1 = """
				{"code": "%s", "name": "UPS", "group": "facility", "attributes": [
				  {"code": "tier", "name": "等级", "type": "enum", "enumValues": ["gold", "silver", "bronze"]},
				  {"code": "legacy", "name": "旧编号", "type": "string"},
				  {"code": "kva", "name": "容量", "type": "int"}]}""".formatted(code);
		send(post("/api/v1/cmdb/models"), v1).andExpect(status().isCreated());
		String gold = ci(code, "ups-gold", """
				{"tier": "gold", "legacy": "U-01", "kva": 200}""");
		String bronze = ci(code, "ups-bronze", """
				{"tier": "bronze"}""");
		String v2Format = """
				{"name": "UPS", "group": "facility", "attributes": [
				  {"code": "tier", "name": "等级", "type": "enum", "enumValues": ["gold", "silver"]},
				  {"code": "kva", "name": "容量", "type": "decimal"},
				  {"code": "site", "name": "站点", "type": "string", "required": true, "defaultValue": "上海"}%s]}""";
		String v2 = v2Format.formatted("");

		send(post("/api/v1/cmdb/models/" + code + "/preview"), v2).andExpect(status().isOk())
			.andExpect(jsonPath("$.action").value("CHANGED"))
			.andExpect(jsonPath("$.cis.checked").value(2))
			.andExpect(jsonPath("$.cis.migrated").value(2))
			.andExpect(jsonPath("$.cis.flagged").value(1))
			.andExpect(jsonPath("$.destructive").value(true))
			.andExpect(
					jsonPath("$.changes[?(@.path == 'attributes.tier.enumValues')].reason").value("enum-value-removed"))
			.andExpect(jsonPath("$.changes[?(@.path == 'attributes.legacy')].reason").value("attribute-removed"))
			.andExpect(jsonPath("$.changes[?(@.path == 'attributes.kva.type')].destructive").value(false))
			.andExpect(jsonPath("$.changes[?(@.path == 'attributes.site')].destructive").value(false));
		this.mvc.perform(get("/api/v1/cmdb/models/" + code).with(admin())).andExpect(jsonPath("$.version").value(1));

		send(put("/api/v1/cmdb/models/" + code), v2).andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(2));
		this.mvc.perform(get("/api/v1/cmdb/cis/" + gold).with(admin()))
			.andExpect(jsonPath("$.version").value(2))
			.andExpect(jsonPath("$.attributes.site").value("上海"))
			.andExpect(jsonPath("$.attributes.kva").value(200))
			.andExpect(jsonPath("$.attributes.legacy").doesNotExist());
		this.mvc.perform(get("/api/v1/cmdb/cis/" + gold + "/history").with(admin()))
			.andExpect(jsonPath("$[1].source").value("MODEL"))
			.andExpect(jsonPath("$[1].actor").value("bundle-admin"))
			.andExpect(jsonPath("$[1].diff['attributes.legacy'].from").value("U-01"))
			.andExpect(jsonPath("$[1].diff['attributes.site'].to").value("上海"));
		this.mvc.perform(get("/api/v1/cmdb/cis/" + gold + "/nonconformities").with(admin()))
			.andExpect(jsonPath("$.length()").value(0));
		this.mvc.perform(get("/api/v1/cmdb/cis/" + bronze + "/nonconformities").with(admin()))
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].attribute").value("tier"))
			.andExpect(jsonPath("$[0].code").value("cmdb.ci.attribute.enum"))
			.andExpect(jsonPath("$[0].modelVersion").value(2));
		this.mvc.perform(get("/api/v1/cmdb/cis/" + bronze).with(admin()))
			.andExpect(jsonPath("$.attributes.tier").value("bronze"));

		// a required attribute without a default: every CI is flagged
		send(put("/api/v1/cmdb/models/" + code), v2Format.formatted("""
				, {"code": "rack_no", "name": "机柜号", "type": "string", "required": true}"""))
			.andExpect(jsonPath("$.version").value(3));
		String page = body(this.mvc
			.perform(get("/api/v1/cmdb/models/" + code + "/nonconforming").param("limit", "2").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(2))
			.andExpect(jsonPath("$.nextCursor").isNotEmpty()));
		this.mvc
			.perform(get("/api/v1/cmdb/models/" + code + "/nonconforming")
				.param("cursor", JsonPath.<String>read(page, "$.nextCursor"))
				.with(admin()))
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.nextCursor").isEmpty());
		this.mvc.perform(get("/api/v1/cmdb/models/" + code + "/nonconforming").param("limit", "50").with(admin()))
			.andExpect(jsonPath("$.items[?(@.code == 'cmdb.ci.attribute.required')].ciName")
				.value(containsInAnyOrder("ups-gold", "ups-bronze")));

		// editing the CI into conformance clears its flags
		send(put("/api/v1/cmdb/cis/" + bronze), """
				{"name": "ups-bronze", "attributes": {"tier": "silver", "site": "上海", "rack_no": "A-01"}}""")
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/cmdb/cis/" + bronze + "/nonconformities").with(admin()))
			.andExpect(jsonPath("$.length()").value(0));
		this.mvc.perform(get("/api/v1/cmdb/models/" + code + "/nonconforming").with(admin()))
			.andExpect(jsonPath("$.items[*].ciId").value(contains(gold)));
		// so does retiring it
		send(post("/api/v1/cmdb/cis/" + gold + "/retire"), "").andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/cmdb/models/" + code + "/nonconforming").with(admin()))
			.andExpect(jsonPath("$.items.length()").value(0));
	}

	@Test
	void aNewUniqueRuleFlagsDuplicatesAndKeepsTheOlderCiAsHolder() throws Exception {
		String code = "pdu_" + suffix();
		send(post("/api/v1/cmdb/models"), """
				{"code": "%s", "name": "PDU", "group": "facility", "attributes": [
				  {"code": "asset_no", "name": "资产编号", "type": "string"}]}""".formatted(code))
			.andExpect(status().isCreated());
		String older = ci(code, "pdu-1", """
				{"asset_no": "P-7"}""");
		String newer = ci(code, "pdu-2", """
				{"asset_no": "P-7"}""");
		String unique = """
				{"name": "PDU", "group": "facility", "attributes": [
				  {"code": "asset_no", "name": "资产编号", "type": "string", "unique": true}]}""";
		send(post("/api/v1/cmdb/models/" + code + "/preview"), unique)
			.andExpect(jsonPath("$.changes[0].reason").value("rule-narrowed"))
			.andExpect(jsonPath("$.cis.flagged").value(1));
		send(put("/api/v1/cmdb/models/" + code), unique).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/cmdb/cis/" + newer + "/nonconformities").with(admin()))
			.andExpect(jsonPath("$[0].code").value("cmdb.ci.duplicate-value"));
		send(post("/api/v1/cmdb/cis"), """
				{"model": "%s", "name": "pdu-3", "attributes": {"asset_no": "P-7"}}""".formatted(code))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.params.existingId").value(older));
		send(put("/api/v1/cmdb/cis/" + newer), """
				{"name": "pdu-2", "attributes": {"asset_no": "P-8"}}""").andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/cmdb/cis/" + newer + "/nonconformities").with(admin()))
			.andExpect(jsonPath("$.length()").value(0));
	}

	@Test
	void badBundlesAreRefusedPrecisely() throws Exception {
		this.mvc
			.perform(multipart("/api/v1/cmdb/bundle/preview")
				.file(new MockMultipartFile("file", "b.json", "application/json", "{\"formatVersion\": 1,".getBytes()))
				.with(admin())
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.bundle.malformed"))
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		this.mvc
			.perform(multipart("/api/v1/cmdb/bundle/import")
				.file(new MockMultipartFile("file", "b.json", "application/json", new byte[0]))
				.with(admin())
				.with(csrf()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.bundle.empty"));
		send(post("/api/v1/cmdb/bundle/preview"), """
				{"formatVersion": 99, "models": [], "futureField": true}""")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.bundle.format-version"))
			.andExpect(jsonPath("$.params.supported").value(1));
		send(post("/api/v1/cmdb/bundle/preview"), """
				{"models": []}""").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("formatVersion"));
		send(post("/api/v1/cmdb/bundle/preview"), "{\"formatVersion\": 1, \"models\": [")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("request.malformed"));
		send(post("/api/v1/cmdb/bundle/preview"), """
				{"formatVersion": 1, "models": {"code": "x"}}""").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.bundle.invalid"))
			.andExpect(jsonPath("$.errors[0].field").value("models"));
		String s = suffix();
		send(post("/api/v1/cmdb/bundle/import").param("allowDestructive", "true"), """
				{"formatVersion": 1,
				 "models": [{"code": "m_%1$s", "name": "M", "group": "facility", "attributes": [
				     {"code": "a", "name": "A", "type": "colour"},
				     {"code": "b", "name": "B", "type": "string", "regex": "([a-z"}]},
				   {"code": "n_%1$s", "name": "N", "group": "no_group_%1$s", "attributes": []}],
				 "relationDefinitions": [
				   {"sourceModel": "m_%1$s", "targetModel": "host", "type": "teleports_to_%1$s",
				    "cardinality": "ONE_TO_MANY", "deleteBehaviour": "DETACH"},
				   {"sourceModel": "host", "targetModel": "m_%1$s", "type": "runs_on",
				    "cardinality": "SOME", "deleteBehaviour": "DETACH"}]}""".formatted(s))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("validation"))
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("models[0].attributes[0].type",
					"models[0].attributes[1].regex", "models[1].group", "relationDefinitions[0].type",
					"relationDefinitions[1].sourceModel", "relationDefinitions[1].cardinality")))
			.andExpect(jsonPath("$.errors[?(@.field == 'relationDefinitions[0].type')].code")
				.value("cmdb.bundle.unknown-relation-type"));
		this.mvc.perform(get("/api/v1/cmdb/models/m_" + s).with(admin())).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/cmdb/bundle").param("models", "host,no_such_" + s).with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("cmdb.bundle.unknown-model"));
		this.mvc
			.perform(post("/api/v1/cmdb/bundle/import")
				.with(user("reader").authorities(new SimpleGrantedAuthority(CmdbPermissions.MODEL_READ)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"formatVersion\": 1}"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/v1/cmdb/models/host/nonconforming").param("cursor", "%%%").with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("cursor"));
	}

	@Test
	void aFullExportCoversTheBuiltInModels() throws Exception {
		this.mvc.perform(get("/api/v1/cmdb/bundle").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.models[*].code").value(hasItems("host", "business_system", "rack")))
			.andExpect(jsonPath("$.relationTypes[*].code").value(hasItems("runs_on", "contains")))
			.andExpect(jsonPath("$.modelGroups[*].code").value(hasItem("iaas")))
			.andExpect(jsonPath("$.models[*].code").value(not(hasItem("no_such_model"))));
	}

	private int audits(String action, String outcome, String mentioning) {
		return this.jdbc.sql("""
				SELECT count(*) FROM platform.audit_record WHERE action = ? AND outcome = ?
				  AND (coalesce(detail, '') LIKE ? OR coalesce(after::text, '') LIKE ? OR target_id = ?)""")
			.params(action, outcome, "%" + mentioning + "%", "%" + mentioning + "%", mentioning)
			.query(Integer.class)
			.single();
	}

}
