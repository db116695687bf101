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
class IdentityOrganisationApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	@Test
	void departmentsFormATreeAndTeamsHaveMembers() {
		IdentityFixtures fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		Browser admin = fixtures.admin();
		UUID root = id(
				admin.post("/api/v1/departments", Map.of("name", IdentityFixtures.randomName("运维部"))).expect(201));
		UUID child = id(
				admin.post("/api/v1/departments", Map.of("name", IdentityFixtures.randomName("网络组"), "parentId", root))
					.expect(201));
		Browser.Response cycle = admin.put("/api/v1/departments/" + root, Map.of("name", "root", "parentId", child));
		cycle.expect(422);
		assertThat(cycle.body().get("errors").get(0).get("code").asString()).isEqualTo("department.cycle");

		UUID member = fixtures.createUser(admin, IdentityFixtures.randomName("member"));
		UUID team = id(admin
			.post("/api/v1/teams", Map.of("name", IdentityFixtures.randomName("oncall"), "departmentId", child))
			.expect(201));
		JsonNode withMembers = admin.put("/api/v1/teams/" + team + "/members", Map.of("userIds", List.of(member)))
			.expect(200)
			.body();
		assertThat(withMembers.get("members").get(0).get("userId").asString()).isEqualTo(member.toString());
		admin.put("/api/v1/teams/" + team + "/members", Map.of("userIds", List.of(UUID.randomUUID()))).expect(422);

		admin.delete("/api/v1/departments/" + child, null).expect(409);
		admin.delete("/api/v1/teams/" + team, null).expect(204);
		admin.delete("/api/v1/departments/" + child, null).expect(204);
		assertThat(admin.get("/api/v1/departments").expect(200).body().findValuesAsString("id"))
			.contains(root.toString())
			.doesNotContain(child.toString());

		IdentityFixtures.SignedIn viewer = fixtures.signedInUser("org-viewer", "viewer");
		viewer.browser().get("/api/v1/teams").expect(200);
		viewer.browser().post("/api/v1/departments", Map.of("name", "nope")).expect(403);
	}

	@Test
	void systemInfoForEveryoneSignedInAndThePostureForThoseAllowed() {
		IdentityFixtures fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		IdentityFixtures.SignedIn nobody = fixtures.signedInUser("no-roles");
		JsonNode info = nobody.browser().get("/api/v1/system/info").expect(200).body();
		assertThat(info.get("version").asString()).isNotBlank();
		assertThat(info.get("database").get("status").asString()).isEqualTo("UP");
		assertThat(info.get("database").get("product").asString()).isEqualTo("PostgreSQL");
		assertThat(info.get("database").get("embedded").asBoolean()).isTrue();
		nobody.browser().get("/api/v1/security/posture").expect(403);

		JsonNode posture = fixtures.admin().get("/api/v1/security/posture").expect(200).body();
		assertThat(posture.get("usersWithoutTotp").findValuesAsString("username")).contains("admin", nobody.username());
		assertThat(posture.get("lockedUsers").asLong()).isGreaterThanOrEqualTo(0);
		assertThat(posture.get("auditChain").get("intact").asBoolean()).isTrue();
		assertThat(posture.get("auditChain").get("checkedRecords").asLong()).isPositive();
	}

	private static UUID id(Browser.Response response) {
		return UUID.fromString(response.body().get("id").asString());
	}

}
