package io.tianshu.cmdb.query;

import java.util.Map;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.TianshuProperties;
import io.tianshu.platform.identity.Browser;
import io.tianshu.platform.identity.IdentityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static io.tianshu.cmdb.query.CmdbWorld.names;
import static io.tianshu.cmdb.query.CmdbWorld.search;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/cmdb/cis?q=} and {@code POST /api/v1/cmdb/cis/search}. */
@TianshuIntegrationTest
class CmdbFilterApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	@Autowired
	JdbcClient jdbc;

	Browser admin;

	CmdbWorld w;

	@BeforeEach
	void world() {
		this.admin = new IdentityFixtures(this.mvc, this.json, this.properties).admin();
		this.w = new CmdbWorld(this.admin);
	}

	private java.util.List<String> find(String q) {
		return names(search(this.admin, q));
	}

	@Test
	void builtInFieldsAndGlobs() {
		String s = this.w.s;
		assertThat(find("model = host and name ~ \"h?-" + s + "\"")).containsExactly("h1-" + s, "h2-" + s, "h3-" + s);
		assertThat(find("name ~ \"*-" + s + "\" and model in (rack, service)")).containsExactly("rk-" + s, "svc-" + s);
		assertThat(find("name ~ \"H1-" + s + "\"")).containsExactly("h1-" + s);
		assertThat(find("name ~ \"*-" + s + "\" and updated > now-1h and created <= now")).hasSize(8);
		assertThat(find("name ~ \"*-" + s + "\" and updated < 2000-01-01")).isEmpty();
		assertThat(find("id = " + this.w.h2)).containsExactly("h2-" + s);
	}

	@Test
	void typedComparisonsFollowTheModelsAttributeTypes() {
		String s = this.w.s;
		String mine = " and name ~ \"*-" + s + "\"";
		// as text "8" > "16"; as the int it is, 8 < 16
		assertThat(find("model = host and cpu_cores >= 16" + mine)).containsExactly("h2-" + s);
		assertThat(find("model = host and cpu_cores < 16" + mine)).containsExactly("h1-" + s);
		// without a model a number still compares numerically
		assertThat(find("cpu_cores >= 16" + mine)).containsExactly("h2-" + s);
		assertThat(find("model = host and cpu_cores = 8.0" + mine)).containsExactly("h1-" + s);
		assertThat(find("model = host and purchase_date < 2023-01-01" + mine)).containsExactly("h2-" + s);
		assertThat(find("model = host and ip_address in 10.77.0.0/16" + mine)).containsExactly("h1-" + s, "h3-" + s);
		assertThat(find("model = host and ip_address in (10.88.1.5, 10.77.9.0/24)" + mine)).containsExactly("h2-" + s,
				"h3-" + s);
		assertThat(find("model = host and ip_address > 10.80.0.0" + mine)).containsExactly("h2-" + s);
		assertThat(find("model = host and not environment in (uat)" + mine)).containsExactly("h1-" + s, "h3-" + s);
		assertThat(find("model = host and environment != prod" + mine)).containsExactly("h2-" + s);
		assertThat(find("model = host and purchase_date not exists" + mine)).containsExactly("h3-" + s);
		assertThat(find("model = host and (purchase_date is empty or cpu_cores > 32)" + mine))
			.containsExactly("h2-" + s, "h3-" + s);
		assertThat(find("model = business_system and business_grade = A and rto_minutes <= 10" + mine))
			.containsExactly("BS-" + s);
	}

	@Test
	void relationConditionsInBothDirectionsAndNested() {
		String s = this.w.s;
		// the example: prod hosts that run an application of the business system
		assertThat(find("model = host and environment = prod and <-[runs_on]- (model = application and"
				+ " <-[contains]- (model = business_system and name = \"BS-" + s + "\"))"))
			.containsExactly("h1-" + s);
		assertThat(find("model = application and -[runs_on]-> (name = \"h1-" + s + "\")")).containsExactly("app-" + s);
		assertThat(find(
				"model = host and <-[runs_on]- (model = db_instance and db_type = oracle) and name ~ \"*-" + s + "\""))
			.containsExactly("h2-" + s);
		assertThat(find("-[contains]- (name = \"app-" + s + "\")")).containsExactly("BS-" + s, "svc-" + s);
		assertThat(find("model = host and not <- (model = rack) and name ~ \"*-" + s + "\"")).containsExactly("h2-" + s,
				"h3-" + s);
		assertThat(find("model = host and <-[runs_on|depends_on]- (name ~ \"*-" + s + "\")")).containsExactly("h1-" + s,
				"h2-" + s);
	}

	@Test
	void retiredCisShowOnlyWhenTheFilterAsksForThem() {
		String s = this.w.s;
		this.admin.post("/api/v1/cmdb/cis/" + this.w.h3 + "/retire", null).expect(200);
		assertThat(find("model = host and name ~ \"*-" + s + "\"")).doesNotContain("h3-" + s);
		assertThat(find("state = retired and name ~ \"*-" + s + "\"")).containsExactly("h3-" + s);
		assertThat(find("state in (已下线, in_use) and model = host and name ~ \"*-" + s + "\"")).hasSize(3);
	}

	@Test
	void valuesThatLookLikeSqlAreJustValues() {
		String s = this.w.s;
		assertThat(find("name = \"x' OR '1'='1\"")).isEmpty();
		assertThat(find("name = \"h1-" + s + "'; DROP TABLE cmdb.ci; --\"")).isEmpty();
		assertThat(find("hostname = \"') OR TRUE --\"")).isEmpty();
		assertThat(find("model = host and hostname ~ \"%\" and name ~ \"*-" + s + "\"")).isEmpty();
		assertThat(find("name ~ \"h1-" + s + "\\\\\"")).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM cmdb.ci WHERE name = ?")
			.param("h1-" + s)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void errorsAre422WithThePosition() {
		expectError("model = host and environment = prd", "cmdb.filter.value-invalid", 31);
		expectError("model = host and hostnme = x", "cmdb.filter.unknown-attribute", 17);
		expectError("hostnme = x", "cmdb.filter.unknown-attribute", 0);
		expectError("model = hots", "cmdb.filter.unknown-model", 8);
		expectError("model = host and cpu_cores > many", "cmdb.filter.value-invalid", 29);
		expectError("model = host and cpu_cores ~ 8*", "cmdb.filter.operator-invalid", 27);
		expectError("-[runs]-> (model = host)", "cmdb.filter.unknown-relation-type", 2);
		expectError("state = gone", "cmdb.filter.value-invalid", 8);
		expectError("model = host and (name = x", "cmdb.filter.syntax", 26);
		Browser.Response response = search(this.admin, "model host");
		assertThat(response.body().get("params").get("expected").toString()).contains("in");
		assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("q");
	}

	private void expectError(String q, String code, int position) {
		Browser.Response response = search(this.admin, q);
		response.expect(422);
		assertThat(response.code()).as(q).isEqualTo(code);
		assertThat(response.body().get("params").get("position").asInt()).as(q).isEqualTo(position);
	}

	@Test
	void postSearchCombinesWithCursorPaging() {
		String s = this.w.s;
		String q = "model = host and name ~ \"*-" + s + "\"";
		Browser.Response first = this.admin.post("/api/v1/cmdb/cis/search", Map.of("q", q, "limit", 2));
		first.expect(200);
		assertThat(names(first)).containsExactly("h1-" + s, "h2-" + s);
		String cursor = first.body().get("nextCursor").asString();
		Browser.Response second = this.admin.post("/api/v1/cmdb/cis/search",
				Map.of("q", q, "limit", 2, "cursor", cursor));
		assertThat(names(second)).containsExactly("h3-" + s);
		assertThat(second.body().get("nextCursor").isNull()).isTrue();
		this.admin.post("/api/v1/cmdb/cis/search", Map.of("q", "model =")).expect(422);
	}

	@Test
	void theSimpleParametersStillWorkAndCombineWithQ() {
		String s = this.w.s;
		Browser.Response response = this.admin.perform(MockMvcRequestBuilders.get("/api/v1/cmdb/cis")
			.queryParam("model", "host")
			.queryParam("name", "h")
			.queryParam("a.environment", "prod")
			.queryParam("q", "cpu_cores = 8 and name ~ \"*-" + s + "\""), false);
		assertThat(names(response)).containsExactly("h1-" + s);
		Browser.Response plain = this.admin.perform(MockMvcRequestBuilders.get("/api/v1/cmdb/cis")
			.queryParam("model", "host")
			.queryParam("name", "h2-" + s), false);
		assertThat(names(plain)).containsExactly("h2-" + s);
	}

}
