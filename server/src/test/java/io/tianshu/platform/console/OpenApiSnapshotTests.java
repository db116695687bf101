package io.tianshu.platform.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import io.tianshu.TianshuIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The console's types are generated from {@code console/openapi.json}; this fails when
 * the API the server describes and that snapshot part ways (an endpoint, an operation or
 * a schema's properties), so the console cannot drift from the API unnoticed. Refresh the
 * snapshot with {@code TIANSHU_URL=http://localhost:8080 npm run api:refresh} in
 * {@code console/} against a running server.
 */
@TianshuIntegrationTest
class OpenApiSnapshotTests {

	/** Schemas of {@code ConventionsTestController}, which only test contexts have. */
	private static final Set<String> TEST_ONLY_SCHEMAS = Set.of("Thing");

	private static final Path SNAPSHOT = Path.of("..", "console", "openapi.json");

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Test
	void theConsolesSnapshotDescribesTheServersApi() throws Exception {
		JsonNode live = this.json.readTree(this.mvc.perform(get("/v3/api-docs"))
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		JsonNode snapshot = this.json.readTree(Files.readString(SNAPSHOT));
		assertThat(operations(snapshot)).as("operations in console/openapi.json (refresh: npm run api:refresh)")
			.isEqualTo(operations(live));
		assertThat(schemas(snapshot)).as("schemas in console/openapi.json (refresh: npm run api:refresh)")
			.isEqualTo(schemas(live));
	}

	/**
	 * {@code GET /api/v1/users} …, without the test-only endpoints every test context
	 * has.
	 */
	private static Set<String> operations(JsonNode spec) {
		Set<String> out = new TreeSet<>();
		for (var path : spec.get("paths").properties()) {
			if (path.getKey().startsWith("/api/v1/test/")) {
				continue;
			}
			for (var operation : path.getValue().properties()) {
				out.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
			}
		}
		return out;
	}

	/** {@code SessionView: authenticated, expiresAt, …} for every schema. */
	private static Set<String> schemas(JsonNode spec) {
		Set<String> out = new TreeSet<>();
		JsonNode components = spec.path("components").path("schemas");
		for (var schema : components.properties()) {
			if (TEST_ONLY_SCHEMAS.contains(schema.getKey())) {
				continue;
			}
			Set<String> properties = new TreeSet<>();
			schema.getValue().path("properties").properties().forEach((p) -> properties.add(p.getKey()));
			out.add(schema.getKey() + ": " + String.join(", ", properties));
		}
		return out;
	}

}
