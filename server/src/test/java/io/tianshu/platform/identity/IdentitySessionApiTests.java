package io.tianshu.platform.identity;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@TianshuIntegrationTest
class IdentitySessionApiTests {

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
	void anonymousSessionIsAnsweredAndSetsTheCsrfCookie() throws Exception {
		Browser.restoreCookieCsrf(this.mvc);
		this.mvc.perform(get("/api/v1/auth/session"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.authenticated").value(false))
			.andExpect(jsonPath("$.stage").value("NONE"))
			.andExpect(jsonPath("$.permissions").isEmpty())
			.andExpect(cookie().exists("XSRF-TOKEN"))
			.andExpect(cookie().httpOnly("XSRF-TOKEN", false));
	}

	@Test
	void apisNeedASignInAndAnswerProblemDetails() throws Exception {
		this.mvc.perform(get("/api/v1/users"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.code").value("auth.required"))
			.andExpect(jsonPath("$.type").value("https://tianshu.io/problems/auth.required"))
			.andExpect(jsonPath("$.status").value(401));
		// the console itself and its routes are public; actuator other than health is not
		this.mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
	}

	@Test
	void loginNeedsTheCsrfHeader() {
		IdentityFixtures fixtures = fixtures();
		Browser admin = fixtures.admin();
		String username = IdentityFixtures.randomName("csrf");
		fixtures.createUser(admin, username);
		Browser browser = fixtures.browser();
		Browser.Response refused = browser.postWithoutCsrf("/api/v1/auth/login",
				Map.of("username", username, "password", IdentityFixtures.PASSWORD));
		refused.expect(403);
		assertThat(refused.code()).isEqualTo("auth.csrf-invalid");
		browser.post("/api/v1/auth/login", Map.of("username", username, "password", IdentityFixtures.PASSWORD))
			.expect(200);
	}

	@Test
	void sessionLoginChangesTheSessionIdAndLogoutEndsIt() {
		IdentityFixtures fixtures = fixtures();
		IdentityFixtures.SignedIn user = fixtures.signedInUser("viewer", "viewer");
		Browser browser = fixtures.browser();
		String before = browser.session().getId();
		Browser.Response login = browser.post("/api/v1/auth/login",
				Map.of("username", user.username(), "password", user.password()));
		login.expect(200);
		assertThat(browser.session().getId()).isNotEqualTo(before);
		JsonNode session = login.body();
		assertThat(session.get("authenticated").asBoolean()).isTrue();
		assertThat(session.get("stage").asString()).isEqualTo("COMPLETE");
		assertThat(session.get("user").get("username").asString()).isEqualTo(user.username());
		assertThat(IdentityFixtures.strings(session.get("permissions"))).contains("platform.user.read")
			.doesNotContain("platform.user.write");
		assertThat(session.get("expiresAt")).isNotNull();

		browser.get("/api/v1/users").expect(200);
		browser.post("/api/v1/users", Map.of()).expect(403);
		assertThat(browser.post("/api/v1/users", Map.of()).code()).isEqualTo("auth.forbidden");

		browser.post("/api/v1/auth/logout", null).expect(204);
		browser.get("/api/v1/users").expect(401);
		assertThat(browser.get("/api/v1/auth/session").body().get("authenticated").asBoolean()).isFalse();
	}

	@Test
	void badCredentialsAreRefusedAndAudited() {
		String unknown = IdentityFixtures.randomName("nobody");
		Browser browser = fixtures().browserFromRandomAddress();
		Browser.Response refused = browser.post("/api/v1/auth/login",
				Map.of("username", unknown, "password", "whatever-it-is-long"));
		refused.expect(401);
		assertThat(refused.code()).isEqualTo("auth.bad-credentials");
		assertThat(this.jdbc.sql("""
				SELECT actor_kind FROM platform.audit_record
				WHERE action = 'platform.login.failed' AND actor_name = ?""").param(unknown).query(String.class).list())
			.containsExactly("ANONYMOUS");
	}

	@Test
	void forcedPasswordChangeBlocksEverythingElseAndEnforcesThePolicy() {
		IdentityFixtures fixtures = fixtures();
		Browser admin = fixtures.admin();
		String username = IdentityFixtures.randomName("newbie");
		UUID id = fixtures.createUser(admin, username);
		admin.post("/api/v1/role-assignments", Map.of("userId", id, "roleId", fixtures.roleId(admin, "viewer")))
			.expect(201);
		Browser browser = fixtures.browser();
		JsonNode session = browser
			.post("/api/v1/auth/login", Map.of("username", username, "password", IdentityFixtures.PASSWORD))
			.expect(200)
			.body();
		assertThat(session.get("stage").asString()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
		assertThat(session.get("permissions")).isEmpty();

		Browser.Response blocked = browser.get("/api/v1/users");
		blocked.expect(401);
		assertThat(blocked.code()).isEqualTo("auth.stage.password-change-required");

		assertThat(violation(browser, "wrong-password-here", "Another-Strong-Passphrase-7"))
			.isEqualTo("currentPassword:password.current-wrong");
		assertThat(violation(browser, IdentityFixtures.PASSWORD, "short")).isEqualTo("newPassword:password.too-short");
		assertThat(violation(browser, IdentityFixtures.PASSWORD, "My-" + username.toUpperCase() + "-pass"))
			.isEqualTo("newPassword:password.contains-username");
		assertThat(violation(browser, IdentityFixtures.PASSWORD, "Password1234"))
			.isEqualTo("newPassword:password.too-common");
		assertThat(violation(browser, IdentityFixtures.PASSWORD, IdentityFixtures.PASSWORD))
			.isEqualTo("newPassword:password.reused");

		JsonNode changed = browser
			.post("/api/v1/me/password",
					Map.of("currentPassword", IdentityFixtures.PASSWORD, "newPassword", "Fresh-Passphrase-2026x"))
			.expect(200)
			.body();
		assertThat(changed.get("stage").asString()).isEqualTo("COMPLETE");
		assertThat(changed.get("user").get("mustChangePassword").asBoolean()).isFalse();
		browser.get("/api/v1/users").expect(200);
	}

	private String violation(Browser browser, String current, String next) {
		Browser.Response response = browser.post("/api/v1/me/password",
				Map.of("currentPassword", current, "newPassword", next));
		response.expect(422);
		JsonNode error = response.body().get("errors").get(0);
		return error.get("field").asString() + ":" + error.get("code").asString();
	}

}
