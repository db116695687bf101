package io.tianshu.platform.identity;

import java.util.Map;
import java.util.UUID;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.TianshuProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

@TianshuIntegrationTest
class IdentityLockoutApiTests {

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
	void fiveFailuresLockTheAccountUntilAnAdministratorUnlocksIt() {
		IdentityFixtures fixtures = fixtures();
		Browser admin = fixtures.admin();
		String username = IdentityFixtures.randomName("locked");
		UUID id = fixtures.createUser(admin, username);
		Browser browser = fixtures.browserFromRandomAddress();
		for (int i = 0; i < 4; i++) {
			Browser.Response refused = browser.post("/api/v1/auth/login",
					Map.of("username", username, "password", "not-the-password-" + i));
			refused.expect(401);
			assertThat(refused.code()).isEqualTo("auth.bad-credentials");
		}
		Browser.Response locking = browser.post("/api/v1/auth/login",
				Map.of("username", username, "password", "not-the-password-5"));
		locking.expect(423);
		assertThat(locking.code()).isEqualTo("auth.locked");
		assertThat(locking.body().get("params").get("lockedUntil").asString()).isNotBlank();

		// the right password does not help while locked
		Browser.Response stillLocked = browser.post("/api/v1/auth/login",
				Map.of("username", username, "password", IdentityFixtures.PASSWORD));
		stillLocked.expect(423);
		assertThat(admin.get("/api/v1/users/" + id).expect(200).body().get("locked").asBoolean()).isTrue();
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM platform.audit_record WHERE action = 'platform.user.locked' "
					+ "AND target_id = ?")
			.param(id.toString())
			.query(Long.class)
			.single()).isEqualTo(1);

		admin.post("/api/v1/users/" + id + "/unlock", null).expect(200);
		assertThat(admin.get("/api/v1/users/" + id).expect(200).body().get("locked").asBoolean()).isFalse();
		browser.post("/api/v1/auth/login", Map.of("username", username, "password", IdentityFixtures.PASSWORD))
			.expect(200);
	}

	@Test
	void disabledUsersCannotSignInAndLoseTheirSession() {
		IdentityFixtures fixtures = fixtures();
		IdentityFixtures.SignedIn user = fixtures.signedInUser("disabled", "viewer");
		user.browser().get("/api/v1/users").expect(200);
		Browser admin = fixtures.admin();
		admin.patch("/api/v1/users/" + user.id(), Map.of("enabled", false)).expect(200);

		user.browser().get("/api/v1/users").expect(401);
		Browser.Response refused = fixtures.browserFromRandomAddress()
			.post("/api/v1/auth/login", Map.of("username", user.username(), "password", user.password()));
		refused.expect(401);
		assertThat(refused.code()).isEqualTo("auth.bad-credentials");

		admin.patch("/api/v1/users/" + user.id(), Map.of("enabled", true)).expect(200);
		fixtures.browserFromRandomAddress()
			.post("/api/v1/auth/login", Map.of("username", user.username(), "password", user.password()))
			.expect(200);
	}

	@Test
	void manyFailuresFromOneAddressAreThrottled() {
		IdentityFixtures fixtures = fixtures();
		IdentityFixtures.SignedIn user = fixtures.signedInUser("throttle", "viewer");
		Browser attacker = fixtures.browserFromRandomAddress();
		for (int i = 0; i < 20; i++) {
			attacker
				.post("/api/v1/auth/login",
						Map.of("username", IdentityFixtures.randomName("guess"), "password", "guess-password-" + i))
				.expect(401);
		}
		Browser.Response throttled = attacker.post("/api/v1/auth/login",
				Map.of("username", user.username(), "password", user.password()));
		throttled.expect(429);
		assertThat(throttled.code()).isEqualTo("auth.throttled");

		// another address is not affected
		fixtures.browserFromRandomAddress()
			.post("/api/v1/auth/login", Map.of("username", user.username(), "password", user.password()))
			.expect(200);
	}

}
