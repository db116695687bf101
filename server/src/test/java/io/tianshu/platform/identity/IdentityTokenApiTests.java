package io.tianshu.platform.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.TianshuProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TianshuIntegrationTest
class IdentityTokenApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	@Autowired
	JdbcClient jdbc;

	IdentityFixtures fixtures() {
		return new IdentityFixtures(this.mvc, this.json, this.properties);
	}

	@Test
	void aBearerTokenWorksOnTheApiWithItsPermissionsOnlyAndWithoutCsrf() throws Exception {
		IdentityFixtures.SignedIn user = fixtures().signedInUser("tokens", "viewer");
		JsonNode created = createToken(user.browser(), List.of("platform.user.read"),
				Instant.now().plus(30, ChronoUnit.DAYS))
			.expect(201)
			.body();
		String token = created.get("token").asString();
		assertThat(token).startsWith("tsk_").hasSize(4 + 43);
		assertThat(this.jdbc.sql("SELECT count(*) FROM platform.api_token WHERE token_hash = ?")
			.param(token)
			.query(Long.class)
			.single()).as("the token itself is not stored").isZero();

		bearer(get("/api/v1/users"), token).andExpect(status().isOk());
		// the owner may read roles, the token may not
		bearer(get("/api/v1/roles"), token).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("auth.forbidden"));
		// no CSRF needed: refused for the permission, not for CSRF
		bearer(post("/api/v1/users").contentType("application/json").content("{}"), token)
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("auth.forbidden"));
		bearer(get("/api/v1/auth/session"), token).andExpect(status().isOk())
			.andExpect(jsonPath("$.authenticated").value(true))
			.andExpect(jsonPath("$.permissions[0]").value("platform.user.read"))
			.andExpect(jsonPath("$.user.username").value(user.username()));

		JsonNode listed = user.browser().get("/api/v1/me/tokens").expect(200).body().get(0);
		assertThat(listed.get("id").asString()).isEqualTo(created.get("id").asString());
		assertThat(listed.get("lastUsedAt")).isNotNull();
		assertThat(listed.get("token")).isNull();
	}

	@Test
	void tokenPermissionsMustBeHeldAndTheExpiryIsBounded() {
		IdentityFixtures.SignedIn user = fixtures().signedInUser("tokens", "viewer");
		Browser.Response notHeld = createToken(user.browser(), List.of("platform.user.write"),
				Instant.now().plus(1, ChronoUnit.DAYS));
		notHeld.expect(422);
		assertThat(notHeld.body().get("errors").get(0).get("code").asString()).isEqualTo("token.permission-not-held");
		Browser.Response tooLong = createToken(user.browser(), List.of("platform.user.read"),
				Instant.now().plus(400, ChronoUnit.DAYS));
		tooLong.expect(422);
		assertThat(tooLong.body().get("errors").get(0).get("code").asString()).isEqualTo("token.expiry-too-far");
		Browser.Response noExpiry = user.browser()
			.post("/api/v1/me/tokens", Map.of("name", "ci", "permissions", List.of("platform.user.read")));
		noExpiry.expect(422);
		assertThat(noExpiry.body().get("errors").get(0).get("code").asString()).isEqualTo("token.expiry-required");
	}

	@Test
	void revokedExpiredAndOwnerlessPermissionsStopWorking() throws Exception {
		IdentityFixtures fixtures = fixtures();
		IdentityFixtures.SignedIn user = fixtures.signedInUser("tokens", "viewer");
		Instant expiry = Instant.now().plus(10, ChronoUnit.DAYS);
		JsonNode revoked = createToken(user.browser(), List.of("platform.user.read"), expiry).expect(201).body();
		JsonNode expired = createToken(user.browser(), List.of("platform.user.read"), expiry).expect(201).body();
		JsonNode narrowed = createToken(user.browser(), List.of("platform.user.read"), expiry).expect(201).body();

		user.browser().delete("/api/v1/me/tokens/" + revoked.get("id").asString(), null).expect(204);
		bearer(get("/api/v1/users"), revoked.get("token").asString()).andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("auth.token.invalid"));

		this.jdbc.sql("UPDATE platform.api_token SET expires_at = now() - interval '1 minute' WHERE id = ?")
			.param(UUID.fromString(expired.get("id").asString()))
			.update();
		bearer(get("/api/v1/users"), expired.get("token").asString()).andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("auth.token.invalid"));
		bearer(get("/api/v1/users"), "tsk_made-up").andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("auth.token.invalid"));

		String token = narrowed.get("token").asString();
		bearer(get("/api/v1/users"), token).andExpect(status().isOk());
		Browser admin = fixtures.admin();
		for (JsonNode assignment : admin.get("/api/v1/role-assignments?userId=" + user.id()).expect(200).body()) {
			admin.delete("/api/v1/role-assignments/" + assignment.get("id").asString(), null).expect(204);
		}
		// the token acts with at most its owner's current permissions
		bearer(get("/api/v1/users"), token).andExpect(status().isForbidden());

		String revokedId = revoked.get("id").asString();
		assertThat(this.jdbc.sql("SELECT action FROM platform.audit_record WHERE target_id = ? ORDER BY id")
			.param(revokedId)
			.query(String.class)
			.list()).containsSubsequence("platform.token.created", "platform.token.revoked", "platform.token.rejected");
		assertThat(user.browser().get("/api/v1/me/tokens").body().findValues("revokedAt")).hasSize(1);
	}

	private Browser.Response createToken(Browser browser, List<String> permissions, Instant expiresAt) {
		return browser.post("/api/v1/me/tokens",
				Map.of("name", "ci pipeline", "permissions", permissions, "expiresAt", expiresAt.toString()));
	}

	private ResultActions bearer(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			String token) throws Exception {
		return this.mvc.perform(request.header("Authorization", "Bearer " + token));
	}

}
