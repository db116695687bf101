package io.tianshu.cmdb.transfer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.cmdb.query.CmdbWorld;
import io.tianshu.platform.TianshuProperties;
import io.tianshu.platform.identity.Browser;
import io.tianshu.platform.identity.IdentityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk import and export by real users whose role assignments are limited to a business
 * system or an environment: rows outside the scope are {@code cmdb.scope.denied} (or not
 * found, for CIs the user cannot read) and are never written.
 * <p>
 * The world (random suffix s): business system BS-s contains app-s and app2-s; app-s runs
 * on host h1-s (prod); h2-s (uat) and h3-s (prod) belong to no business system.
 */
@TianshuIntegrationTest
class CmdbImportScopeApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	@Autowired
	JdbcClient jdbc;

	private IdentityFixtures fixtures;

	private Browser admin;

	private final String s = UUID.randomUUID().toString().substring(0, 8);

	private final String upper = this.s.toUpperCase(Locale.ROOT);

	private String system;

	private String app;

	private String app2;

	private String h1;

	private String h2;

	private String h3;

	@BeforeEach
	void world() {
		this.fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		this.admin = this.fixtures.admin();
		String bs = ci("business_system", "BS-" + this.s,
				Map.of("system_code", "T" + this.upper, "business_grade", "A", "rto_minutes", 10, "rpo_minutes", 0));
		this.system = "BS-" + this.s;
		this.app = ci("application", "app-" + this.s, Map.of("app_code", "A" + this.upper));
		this.app2 = ci("application", "app2-" + this.s, Map.of("app_code", "B" + this.upper));
		this.h1 = ci("host", "h1-" + this.s, Map.of("hostname", "h1-" + this.s, "environment", "prod", "cpu_cores", 8));
		this.h2 = ci("host", "h2-" + this.s, Map.of("hostname", "h2-" + this.s, "environment", "uat", "cpu_cores", 8));
		this.h3 = ci("host", "h3-" + this.s, Map.of("hostname", "h3-" + this.s, "environment", "prod", "cpu_cores", 8));
		relate("contains", bs, this.app);
		relate("contains", bs, this.app2);
		relate("runs_on", this.app, this.h1);
	}

	private String ci(String model, String name, Map<String, Object> attributes) {
		return CmdbWorld.ci(this.admin, model, name, attributes);
	}

	private void relate(String type, String source, String target) {
		CmdbWorld.relate(this.admin, type, source, target);
	}

	/** A signed-in user with the roles, each with its scope (system, environment). */
	private Browser user(String... roleAndScope) {
		return CmdbWorld.scopedUser(this.fixtures, this.admin, "imp-scope", "Import-Scope-Passphrase-" + this.s,
				roleAndScope);
	}

	private static Browser.Response dryRun(Browser browser, String model, String csv) {
		var request = MockMvcRequestBuilders.multipart("/api/v1/cmdb/imports")
			.file(new MockMultipartFile("file", "scoped.csv", null, csv.getBytes(StandardCharsets.UTF_8)))
			.param("mode", "dryRun");
		if (model != null) {
			request.param("model", model);
		}
		else {
			request.param("kind", "relations");
		}
		return browser.perform(request, true).expect(201);
	}

	private static Browser.Response apply(Browser browser, String job, String rows) {
		return browser.post("/api/v1/cmdb/imports/" + job + "/apply", Map.of("rows", rows));
	}

	/** {@code row code} of every error of a report, in row order. */
	private static List<String> errors(JsonNode report) {
		List<String> errors = new ArrayList<>();
		report.get("errors").forEach((e) -> errors.add(e.get("row").asInt() + " " + e.get("code").asString()));
		return errors;
	}

	private static JsonNode error(JsonNode report, int row) {
		return report.get("errors").valueStream().filter((e) -> e.get("row").asInt() == row).findFirst().orElseThrow();
	}

	private int cores(String host) {
		return this.jdbc.sql("SELECT (attributes ->> 'cpu_cores')::int FROM cmdb.ci WHERE id = ?::uuid")
			.param(host)
			.query(Integer.class)
			.single();
	}

	private int count(String name) {
		return this.jdbc.sql("SELECT count(*) FROM cmdb.ci WHERE name = ?").param(name).query(Integer.class).single();
	}

	@Test
	void aBusinessSystemScopeUpdatesOnlyTheSystemsCisAndCreatesNothing() {
		String s = this.s;
		Browser operator = user("operator", this.system, null);
		String file = "名称,主机名,CPU 核数,环境\n" + "h1-" + s + ",h1-" + s + ",16,prod\n" + "h3-" + s + ",h3-" + s
				+ ",16,prod\n" + "new-" + s + ",new-" + s + ",4,prod\n";
		JsonNode job = dryRun(operator, "host", file).body();
		JsonNode report = job.get("report");
		assertThat(report.get("counts").get("update").asInt()).isEqualTo(1);
		assertThat(report.get("counts").get("create").asInt()).isZero();
		assertThat(report.get("counts").get("invalid").asInt()).isEqualTo(2);
		assertThat(errors(report)).containsExactly("3 cmdb.scope.denied", "4 cmdb.scope.denied");
		// h3 is not even readable for the operator: the error does not name it
		assertThat(error(report, 3).get("message").asString()).doesNotContain(this.h3)
			.contains("outside the business systems and environments");
		assertThat(error(report, 4).get("message").asString()).contains("belongs to no business system");

		String id = job.get("id").asString();
		assertThat(apply(operator, id, "all").expect(422).code()).isEqualTo("cmdb.import.invalid-rows");
		assertThat(cores(this.h1)).isEqualTo(8);
		JsonNode applied = apply(operator, id, "validOnly").expect(200).body().get("report").get("applied");
		assertThat(applied.get("updated").asInt()).isEqualTo(1);
		assertThat(applied.get("created").asInt()).isZero();
		assertThat(applied.get("skipped").asInt()).isEqualTo(2);
		assertThat(cores(this.h1)).isEqualTo(16);
		assertThat(cores(this.h3)).isEqualTo(8);
		assertThat(count("new-" + s)).isZero();
	}

	@Test
	void aCiVisibleButNotChangeableIsDeniedByIdAndUnchangedRowsPass() {
		String s = this.s;
		Browser both = user("viewer", null, null, "operator", this.system, null);
		// h3 by id, with a change; h2 unchanged (nothing is written for it)
		String file = "id,名称,主机名,CPU 核数\n" + this.h3 + ",h3-" + s + ",h3-" + s + ",32\n" + this.h2 + ",h2-" + s + ",h2-"
				+ s + ",8\n" + this.h1 + ",h1-" + s + ",h1-" + s + ",12\n";
		JsonNode report = dryRun(both, "host", file).body().get("report");
		assertThat(errors(report)).containsExactly("2 cmdb.scope.denied");
		assertThat(error(report, 2).get("message").asString()).contains(this.h3);
		assertThat(report.get("counts").get("unchanged").asInt()).isEqualTo(1);
		assertThat(report.get("counts").get("update").asInt()).isEqualTo(1);
	}

	@Test
	void anEnvironmentScopeCreatesAndUpdatesInItsEnvironmentOnly() {
		String s = this.s;
		Browser uat = user("operator", null, "uat");
		String file = "名称,主机名,CPU 核数,环境\n" + "h2-" + s + ",h2-" + s + ",24,uat\n" + "new-uat-" + s + ",new-uat-" + s
				+ ",4,uat\n" + "new-prod-" + s + ",new-prod-" + s + ",4,prod\n" + "new-none-" + s + ",new-none-" + s
				+ ",4,\n" + "h1-" + s + ",h1-" + s + ",24,uat\n";
		JsonNode job = dryRun(uat, "host", file).body();
		JsonNode report = job.get("report");
		assertThat(errors(report)).containsExactly("4 cmdb.scope.denied", "5 cmdb.scope.denied", "6 cmdb.scope.denied");
		// the uploader reads the job again
		uat.get("/api/v1/cmdb/imports/" + job.get("id").asString()).expect(200);
		// a create is judged by the row's environment: the error points at that column
		assertThat(error(report, 4).get("field").asString()).isEqualTo("environment");
		assertThat(error(report, 4).get("header").asString()).isEqualTo("环境");
		assertThat(error(report, 5).get("message").asString()).contains("none");
		assertThat(report.get("counts").get("create").asInt()).isEqualTo(1);
		assertThat(report.get("counts").get("update").asInt()).isEqualTo(1);

		assertThat(apply(uat, job.get("id").asString(), "all").expect(422)
			.body()
			.get("report")
			.get("counts")
			.get("invalid")
			.asInt()).isEqualTo(3);
		assertThat(count("new-uat-" + s)).isZero();
		apply(uat, job.get("id").asString(), "validOnly").expect(200);
		assertThat(count("new-uat-" + s)).isEqualTo(1);
		assertThat(count("new-prod-" + s) + count("new-none-" + s)).isZero();
		assertThat(cores(this.h2)).isEqualTo(24);
		assertThat(cores(this.h1)).isEqualTo(8);
	}

	@Test
	void aRowMayNotMoveACiOutOfTheScope() {
		String s = this.s;
		String h4 = ci("host", "h4-" + s, Map.of("hostname", "h4-" + s, "environment", "uat", "cpu_cores", 8));
		Browser uat = user("operator", null, "uat");
		// h2 would leave uat for prod; h4 stays in uat
		String file = "名称,主机名,CPU 核数,环境\n" + "h2-" + s + ",h2-" + s + ",24,prod\n" + "h4-" + s + ",h4-" + s
				+ ",12,uat\n";
		JsonNode job = dryRun(uat, "host", file).body();
		JsonNode report = job.get("report");
		assertThat(errors(report)).containsExactly("2 cmdb.scope.denied");
		assertThat(error(report, 2).get("field").asString()).isEqualTo("environment");
		assertThat(error(report, 2).get("message").asString()).contains("would move CI " + this.h2).contains("prod");
		assertThat(report.get("counts").get("update").asInt()).isEqualTo(1);
		assertThat(apply(uat, job.get("id").asString(), "all").expect(422).code())
			.isEqualTo("cmdb.import.invalid-rows");
		apply(uat, job.get("id").asString(), "validOnly").expect(200);
		assertThat(cores(this.h2)).isEqualTo(8);
		assertThat(cores(h4)).isEqualTo(12);

		// a business system scope does not depend on the environment: h1 stays in it
		Browser operator = user("operator", this.system, null);
		JsonNode moved = dryRun(operator, "host", "名称,主机名,环境\n" + "h1-" + s + ",h1-" + s + ",uat\n").body();
		assertThat(errors(moved.get("report"))).isEmpty();
		assertThat(moved.get("report").get("counts").get("update").asInt()).isEqualTo(1);
		// and someone unscoped may move h2
		JsonNode unscoped = dryRun(this.admin, "host", file).body();
		assertThat(errors(unscoped.get("report"))).isEmpty();
	}

	@Test
	void applyPlansAgainForACallerWithAnotherScope() {
		String s = this.s;
		Browser operator = user("operator", this.system, null);
		// an unscoped dry run that is entirely valid ...
		String file = "名称,主机名,CPU 核数\n" + "h3-" + s + ",h3-" + s + ",48\n";
		JsonNode job = dryRun(this.admin, "host", file).body();
		assertThat(job.get("report").get("counts").get("invalid").asInt()).isZero();
		// someone else's import (its report names rows of the whole file) is not for a
		// scoped reader
		assertThat(operator.get("/api/v1/cmdb/imports/" + job.get("id").asString()).expect(404).code())
			.isEqualTo("cmdb.import.not-found");
		// ... is not the plan of a scoped user who applies it
		JsonNode refused = apply(operator, job.get("id").asString(), "all").expect(422).body();
		assertThat(errors(refused.get("report"))).containsExactly("2 cmdb.scope.denied");
		assertThat(cores(this.h3)).isEqualTo(8);
	}

	@Test
	void relationRowsNeedBothEndsWithinTheScope() {
		String s = this.s;
		String header = "type,source_model,source,target_model,target\n";
		// row 2 is new and inside the system, row 3 exists, row 4 reaches h3 outside it
		String rows = "runs_on,application,B" + this.upper + ",host,h1-" + s + "\n" + "runs_on,application,A"
				+ this.upper + ",host,h1-" + s + "\n" + "runs_on,application,A" + this.upper + ",host,h3-" + s + "\n";
		// h3 readable but not changeable: denied
		Browser both = user("viewer", null, null, "operator", this.system, null);
		JsonNode job = dryRun(both, null, header + rows).body();
		JsonNode report = job.get("report");
		assertThat(errors(report)).containsExactly("4 cmdb.scope.denied");
		assertThat(error(report, 4).get("field").asString()).isEqualTo("target");
		assertThat(report.get("counts").get("create").asInt()).isEqualTo(1);
		assertThat(report.get("counts").get("unchanged").asInt()).isEqualTo(1);

		// h3 not even readable: not found, as a single write answers 404
		Browser operator = user("operator", this.system, null);
		JsonNode hidden = dryRun(operator, null, header + rows).body().get("report");
		assertThat(errors(hidden)).containsExactly("4 cmdb.import.ci-not-found");

		String id = job.get("id").asString();
		apply(both, id, "all").expect(422);
		assertThat(runsOn(this.app2)).isEmpty();
		assertThat(apply(both, id, "validOnly").expect(200).body().get("report").get("applied").get("created").asInt())
			.isEqualTo(1);
		assertThat(runsOn(this.app2)).containsExactly(this.h1);
		assertThat(runsOn(this.app)).containsExactly(this.h1);
	}

	private List<String> runsOn(String application) {
		return this.jdbc
			.sql("SELECT target_id::text FROM cmdb.relation WHERE source_id = ?::uuid AND type_code = 'runs_on'")
			.param(application)
			.query(String.class)
			.list();
	}

	@Test
	void exportsHoldOnlyTheCisTheCallerMayRead() {
		String s = this.s;
		// the export reads through the CI listing, which applies the read scope
		List<String> scoped = exportedHosts(user("viewer", this.system, null));
		List<String> uat = exportedHosts(user("viewer", null, "uat"));
		List<String> everything = exportedHosts(this.admin);
		assertThat(scoped).containsExactly("h1-" + s);
		assertThat(uat).containsExactly("h2-" + s);
		assertThat(everything).containsExactlyInAnyOrder("h1-" + s, "h2-" + s, "h3-" + s);
	}

	/** The names of this test's hosts in a CSV export by the browser. */
	private List<String> exportedHosts(Browser browser) {
		Browser.Response export = browser.perform(
				MockMvcRequestBuilders.get("/api/v1/cmdb/exports").param("model", "host").param("format", "csv"),
				false);
		export.expect(200);
		String csv = new String(export.raw().getContentAsByteArray(), StandardCharsets.UTF_8);
		List<String> names = new ArrayList<>();
		for (String line : csv.split("\r?\n")) {
			String[] cells = line.split(",", -1);
			if (cells.length > 1 && cells[1].endsWith("-" + this.s)) {
				names.add(cells[1]);
			}
		}
		return names;
	}

}
