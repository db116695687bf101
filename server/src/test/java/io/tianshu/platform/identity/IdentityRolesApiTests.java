package io.tianshu.platform.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.TianshuProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

@TianshuIntegrationTest
class IdentityRolesApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	IdentityFixtures fixtures() {
		return new IdentityFixtures(this.mvc, this.json, this.properties);
	}

	@Test
	void builtInRolesExistWithSensiblePermissionsAndCannotBeDeleted() {
		IdentityFixtures fixtures = fixtures();
		Browser admin = fixtures.admin();
		Map<String, JsonNode> roles = new java.util.HashMap<>();
		admin.get("/api/v1/roles").expect(200).body().forEach((r) -> roles.put(r.get("name").asString(), r));
		assertThat(roles).containsKeys("administrator", "operator", "approver", "auditor", "viewer");
		List<String> all = admin.get("/api/v1/permissions").expect(200).body().findValuesAsString("name");
		assertThat(all).contains("platform.user.read", "platform.audit.read");
		assertThat(IdentityFixtures.strings(roles.get("administrator").get("permissions")))
			.containsExactlyInAnyOrderElementsOf(all);
		assertThat(IdentityFixtures.strings(roles.get("auditor").get("permissions"))).contains("platform.audit.read",
				"platform.audit.export");
		assertThat(IdentityFixtures.strings(roles.get("viewer").get("permissions")))
			.allMatch((p) -> p.endsWith(".read"))
			.doesNotContain("platform.audit.read");
		assertThat(IdentityFixtures.strings(roles.get("operator").get("permissions")))
			.doesNotContain("platform.role.write", "platform.user.write", "platform.audit.read");

		Browser.Response refused = admin.delete("/api/v1/roles/" + roles.get("viewer").get("id").asString(), null);
		refused.expect(409);
		assertThat(refused.code()).isEqualTo("role.built-in");
		List<String> pairs = new java.util.ArrayList<>();
		admin.get("/api/v1/role-exclusions")
			.expect(200)
			.body()
			.forEach((e) -> pairs.add(java.util.stream.Stream
				.of(e.get("roleA").get("name").asString(), e.get("roleB").get("name").asString())
				.sorted()
				.toList()
				.toString()));
		assertThat(pairs).contains("[auditor, operator]", "[administrator, auditor]");
	}

	@Test
	void mutuallyExclusiveRolesAreRefused() {
		IdentityFixtures fixtures = fixtures();
		Browser admin = fixtures.admin();
		UUID user = fixtures.createUser(admin, IdentityFixtures.randomName("sod"));
		admin.post("/api/v1/role-assignments", Map.of("userId", user, "roleId", fixtures.roleId(admin, "auditor")))
			.expect(201);
		Browser.Response refused = admin.post("/api/v1/role-assignments",
				Map.of("userId", user, "roleId", fixtures.roleId(admin, "operator")));
		refused.expect(409);
		assertThat(refused.code()).isEqualTo("role.mutually-exclusive");
		assertThat(refused.body().get("params").get("role").asString()).isEqualTo("operator");
		assertThat(refused.body().get("params").get("conflictingRole").asString()).isEqualTo("auditor");

		// a custom pair works the same way
		UUID a = customRole(admin);
		UUID b = customRole(admin);
		admin.post("/api/v1/role-exclusions", Map.of("roleAId", a, "roleBId", b, "reason", "test")).expect(201);
		admin.post("/api/v1/role-assignments", Map.of("userId", user, "roleId", b)).expect(201);
		admin.post("/api/v1/role-assignments", Map.of("userId", user, "roleId", a)).expect(409);
		// a scoped assignment is stored with its scope
		JsonNode scoped = admin
			.post("/api/v1/role-assignments", Map.of("userId", user, "roleId", fixtures.roleId(admin, "viewer"),
					"scope", Map.of("businessSystem", "trading", "environment", "prod")))
			.expect(201)
			.body();
		assertThat(scoped.get("scope").get("environment").asString()).isEqualTo("prod");
	}

	@Test
	void nobodyGrantsThemselvesARole() {
		IdentityFixtures fixtures = fixtures();
		Browser admin = fixtures.admin();
		UUID me = UUID.fromString(admin.get("/api/v1/auth/session").body().get("user").get("id").asString());
		Browser.Response refused = admin.post("/api/v1/role-assignments",
				Map.of("userId", me, "roleId", fixtures.roleId(admin, "viewer")));
		refused.expect(409);
		assertThat(refused.code()).isEqualTo("role.self-assignment");
	}

	@Test
	void aRevokedRoleTakesEffectAtTheNextRequest() {
		IdentityFixtures fixtures = fixtures();
		IdentityFixtures.SignedIn user = fixtures.signedInUser("revoke", "viewer");
		user.browser().get("/api/v1/users").expect(200);
		Browser admin = fixtures.admin();
		JsonNode assignment = admin.get("/api/v1/role-assignments?userId=" + user.id()).expect(200).body().get(0);
		assertThat(assignment.get("roleName").asString()).isEqualTo("viewer");
		admin.delete("/api/v1/role-assignments/" + assignment.get("id").asString(), null).expect(204);
		user.browser().get("/api/v1/users").expect(403);
		assertThat(user.browser().get("/api/v1/auth/session").body().get("permissions")).isEmpty();
	}

	@Test
	void rolesRefuseUnknownPermissions() {
		Browser admin = fixtures().admin();
		Browser.Response refused = admin.post("/api/v1/roles",
				Map.of("name", IdentityFixtures.randomName("bad"), "permissions", List.of("no.such.permission")));
		refused.expect(422);
		assertThat(refused.body().get("errors").get(0).get("code").asString()).isEqualTo("role.permission-unknown");
	}

	private UUID customRole(Browser admin) {
		return UUID.fromString(admin
			.post("/api/v1/roles",
					Map.of("name", IdentityFixtures.randomName("custom"), "permissions", List.of("platform.org.read")))
			.expect(201)
			.body()
			.get("id")
			.asString());
	}

}
