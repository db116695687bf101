package io.tianshu.cmdb.query;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tianshu.platform.identity.Browser;
import io.tianshu.platform.identity.IdentityFixtures;
import tools.jackson.databind.JsonNode;

import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A small firm of its own per test (random suffix): business system BS-s contains
 * application app-s, which contains service svc-s, depends on database db-s and runs on
 * host h1-s (prod, 10.77.1.5, 8 cores, bought 2024-01-15); db-s runs on h2-s (uat,
 * 10.88.1.5, 64 cores, bought 2022-06-01); h3-s (prod) runs nothing; rack rk-s contains
 * h1-s.
 */
public final class CmdbWorld {

	final String s = UUID.randomUUID().toString().substring(0, 8);

	final String system;

	final String app;

	final String service;

	final String db;

	final String h1;

	final String h2;

	final String h3;

	final String rack;

	CmdbWorld(Browser admin) {
		String upper = this.s.toUpperCase(Locale.ROOT);
		this.system = ci(admin, "business_system", "BS-" + this.s,
				Map.of("system_code", "T" + upper, "business_grade", "A", "rto_minutes", 10, "rpo_minutes", 0));
		this.app = ci(admin, "application", "app-" + this.s, Map.of("app_code", "A" + upper));
		this.service = ci(admin, "service", "svc-" + this.s, Map.of("service_code", "S" + upper, "port", 8443));
		this.db = ci(admin, "db_instance", "db-" + this.s,
				Map.of("instance_name", "db-" + this.s, "db_type", "oracle", "environment", "prod"));
		this.h1 = ci(admin, "host", "h1-" + this.s, Map.of("hostname", "h1-" + this.s, "environment", "prod",
				"ip_address", "10.77.1.5", "cpu_cores", 8, "purchase_date", "2024-01-15"));
		this.h2 = ci(admin, "host", "h2-" + this.s, Map.of("hostname", "h2-" + this.s, "environment", "uat",
				"ip_address", "10.88.1.5", "cpu_cores", 64, "purchase_date", "2022-06-01"));
		this.h3 = ci(admin, "host", "h3-" + this.s,
				Map.of("hostname", "h3-" + this.s, "environment", "prod", "ip_address", "10.77.9.9"));
		this.rack = ci(admin, "rack", "rk-" + this.s, Map.of("rack_code", "RK-" + this.s));
		relate(admin, "contains", this.system, this.app);
		relate(admin, "contains", this.app, this.service);
		relate(admin, "depends_on", this.app, this.db);
		relate(admin, "runs_on", this.app, this.h1);
		relate(admin, "runs_on", this.db, this.h2);
		relate(admin, "contains", this.rack, this.h1);
	}

	public static String ci(Browser browser, String model, String name, Map<String, Object> attributes) {
		Browser.Response created = browser.post("/api/v1/cmdb/cis",
				Map.of("model", model, "name", name, "state", "IN_USE", "attributes", attributes));
		created.expect(201);
		return created.body().get("id").asString();
	}

	public static String relate(Browser browser, String type, String source, String target) {
		Browser.Response created = browser.post("/api/v1/cmdb/relations",
				Map.of("type", type, "sourceId", source, "targetId", target));
		created.expect(201);
		return created.body().get("id").asString();
	}

	/**
	 * A signed-in new user with the roles, each followed by its scope's business system
	 * and environment (either may be null).
	 */
	public static Browser scopedUser(IdentityFixtures fixtures, Browser admin, String namePrefix, String password,
			String... roleAndScope) {
		String username = IdentityFixtures.randomName(namePrefix);
		UUID id = fixtures.createUser(admin, username);
		for (int i = 0; i < roleAndScope.length; i += 3) {
			Map<String, Object> scope = new java.util.HashMap<>();
			if (roleAndScope[i + 1] != null) {
				scope.put("businessSystem", roleAndScope[i + 1]);
			}
			if (roleAndScope[i + 2] != null) {
				scope.put("environment", roleAndScope[i + 2]);
			}
			Map<String, Object> body = new java.util.HashMap<>(
					Map.of("userId", id, "roleId", fixtures.roleId(admin, roleAndScope[i])));
			if (!scope.isEmpty()) {
				body.put("scope", scope);
			}
			admin.post("/api/v1/role-assignments", body).expect(201);
		}
		return fixtures.signInFirstTime(username, password);
	}

	/** {@code GET /api/v1/cmdb/cis?q=...}. */
	static Browser.Response search(Browser browser, String q) {
		return browser.perform(
				MockMvcRequestBuilders.get("/api/v1/cmdb/cis").queryParam("q", q).queryParam("limit", "200"), false);
	}

	static java.util.List<String> names(Browser.Response response) {
		response.expect(200);
		java.util.List<String> names = new java.util.ArrayList<>();
		for (JsonNode item : response.body().get("items")) {
			names.add(item.get("name").asString());
		}
		return names;
	}

}
