package io.tianshu.cmdb.transfer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.TianshuProperties;
import io.tianshu.platform.identity.Browser;
import io.tianshu.platform.identity.IdentityFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Non-conformity flags (不合规标记) after a model change follow CIs changed by bulk import as
 * they follow single edits: a row that fixes a value clears its flag, a value the row
 * leaves alone keeps it, a skipped row changes nothing.
 */
@TianshuIntegrationTest
class CmdbImportConformanceApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	private final String s = UUID.randomUUID().toString().substring(0, 8);

	private static Map<String, Object> attribute(String code, String type, Object... more) {
		Map<String, Object> attribute = new java.util.LinkedHashMap<>(Map.of("code", code, "name", code, "type", type));
		for (int i = 0; i < more.length; i += 2) {
			attribute.put((String) more[i], more[i + 1]);
		}
		return attribute;
	}

	private static Map<String, Object> model(String code, List<Map<String, Object>> attributes) {
		Map<String, Object> model = new java.util.LinkedHashMap<>();
		if (code != null) {
			model.put("code", code);
		}
		model.put("name", "UPS");
		model.put("group", "facility");
		model.put("attributes", attributes);
		model.put("identificationRules", List.of(Map.of("name", "code", "attributes", List.of("code"))));
		return model;
	}

	private String ci(Browser admin, String model, String name, Map<String, Object> attributes) {
		Browser.Response created = admin.post("/api/v1/cmdb/cis",
				Map.of("model", model, "name", name, "attributes", attributes));
		created.expect(201);
		return created.body().get("id").asString();
	}

	/** {@code attribute code} of each flag of the CI. */
	private static List<String> flags(Browser admin, String ci) {
		List<String> flags = new ArrayList<>();
		admin.get("/api/v1/cmdb/cis/" + ci + "/nonconformities")
			.expect(200)
			.body()
			.forEach((f) -> flags.add(f.get("attribute").asString() + " " + f.get("code").asString()));
		return flags;
	}

	private static JsonNode importFile(Browser admin, String model, String csv, String rows) {
		var request = MockMvcRequestBuilders.multipart("/api/v1/cmdb/imports")
			.file(new MockMultipartFile("file", "fix.csv", null, csv.getBytes(StandardCharsets.UTF_8)))
			.param("mode", "dryRun")
			.param("model", model);
		String job = admin.perform(request, true).expect(201).body().get("id").asString();
		return admin.post("/api/v1/cmdb/imports/" + job + "/apply", Map.of("rows", rows)).expect(200).body();
	}

	@Test
	void anImportThatFixesCisClearsTheirFlagsAndOnlyThose() {
		Browser admin = new IdentityFixtures(this.mvc, this.json, this.properties).admin();
		String code = "ups_" + this.s;
		admin
			.post("/api/v1/cmdb/models",
					model(code,
							List.of(attribute("code", "string", "required", true),
									attribute("tier", "enum", "enumValues", List.of("gold", "silver", "bronze")))))
			.expect(201);
		String x = ci(admin, code, "x-" + this.s, Map.of("code", "X" + this.s, "tier", "bronze"));
		String y = ci(admin, code, "y-" + this.s, Map.of("code", "Y" + this.s, "tier", "bronze"));
		String z = ci(admin, code, "z-" + this.s, Map.of("code", "Z" + this.s, "tier", "bronze"));
		// bronze goes, and every CI lacks a new required rack number
		admin.put("/api/v1/cmdb/models/" + code,
				model(null,
						List.of(attribute("code", "string", "required", true),
								attribute("tier", "enum", "enumValues", List.of("gold", "silver")),
								attribute("rack_no", "string", "required", true))))
			.expect(200);
		List<String> both = List.of("rack_no cmdb.ci.attribute.required", "tier cmdb.ci.attribute.enum");
		assertThat(flags(admin, x)).containsExactlyInAnyOrderElementsOf(both);
		assertThat(flags(admin, y)).containsExactlyInAnyOrderElementsOf(both);

		// x is fixed entirely; z's row is invalid (bronze) and skipped
		JsonNode first = importFile(admin, code, "name,code,tier,rack_no\n" + "x-" + this.s + ",X" + this.s
				+ ",silver,A-01\n" + "z-" + this.s + ",Z" + this.s + ",bronze,A-03\n", "validOnly");
		assertThat(first.get("report").get("applied").get("updated").asInt()).isEqualTo(1);
		assertThat(first.get("report").get("applied").get("skipped").asInt()).isEqualTo(1);
		assertThat(flags(admin, x)).isEmpty();
		assertThat(flags(admin, z)).containsExactlyInAnyOrderElementsOf(both);

		// y gets its rack number; its tier has no column and keeps its value and its flag
		importFile(admin, code, "name,code,rack_no\n" + "y-" + this.s + ",Y" + this.s + ",A-02\n", "all");
		assertThat(flags(admin, y)).containsExactly("tier cmdb.ci.attribute.enum");
		assertThat(admin.get("/api/v1/cmdb/cis/" + y).expect(200).body().get("attributes").get("tier").asString())
			.isEqualTo("bronze");
		assertThat(admin.get("/api/v1/cmdb/models/" + code + "/nonconforming")
			.expect(200)
			.body()
			.get("items")
			.valueStream()
			.map((f) -> f.get("ciId").asString())
			.distinct()
			.toList()).containsExactlyInAnyOrder(y, z);
	}

}
