package io.tianshu.platform.identity;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.tianshu.TianshuIntegrationTest;
import io.tianshu.platform.TianshuProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

@TianshuIntegrationTest
class IdentityTotpApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	IdentityFixtures fixtures() {
		return new IdentityFixtures(this.mvc, this.json, this.properties);
	}

	@Test
	void enrolSignInWithTotpRecoveryCodesAreSingleUseAndCodesCannotBeReplayed() throws Exception {
		IdentityFixtures fixtures = fixtures();
		IdentityFixtures.SignedIn user = fixtures.signedInUser("totp", "viewer");
		JsonNode enrolment = user.browser().post("/api/v1/me/totp/enrolment", null).expect(200).body();
		String secret = enrolment.get("secret").asString();
		assertThat(enrolment.get("otpauthUri").asString()).startsWith("otpauth://totp/")
			.contains("issuer=Tianshu")
			.contains("secret=" + secret);
		assertThat(enrolment.get("qrCodePng").asString()).startsWith("data:image/png;base64,");

		long step = step();
		Browser.Response wrong = user.browser().post("/api/v1/me/totp/confirm", Map.of("code", code(secret, step - 5)));
		wrong.expect(422);
		assertThat(wrong.body().get("errors").get(0).get("code").asString()).isEqualTo("totp.code-invalid");

		List<String> recovery = IdentityFixtures.strings(user.browser()
			.post("/api/v1/me/totp/confirm", Map.of("code", code(secret, step)))
			.expect(200)
			.body()
			.get("recoveryCodes"));
		assertThat(recovery).hasSize(10);
		assertThat(new HashSet<>(recovery)).hasSize(10);
		// the secret is sealed by the vault, never stored as is
		String stored = this.jdbc.sql("SELECT totp_secret FROM platform.users WHERE id = ?")
			.param(user.id())
			.query(String.class)
			.single();
		assertThat(stored).startsWith("v").doesNotContain(secret);
		assertThat(this.jdbc
			.sql("SELECT code_hash FROM platform.totp_recovery_code rc JOIN platform.users u "
					+ "ON u.id = rc.user_id WHERE u.username = ?")
			.param(user.username())
			.query(String.class)
			.list()).hasSize(10).doesNotContainAnyElementsOf(recovery);

		Browser second = signInWithPassword(fixtures, user);
		Browser.Response blocked = second.get("/api/v1/users");
		blocked.expect(401);
		assertThat(blocked.code()).isEqualTo("auth.stage.totp-required");
		// the code used for the confirmation is spent
		assertThat(second.post("/api/v1/auth/totp", Map.of("code", code(secret, step))).code())
			.isEqualTo("auth.totp.invalid");
		JsonNode complete = second.post("/api/v1/auth/totp", Map.of("code", code(secret, step + 1))).expect(200).body();
		assertThat(complete.get("stage").asString()).isEqualTo("COMPLETE");
		assertThat(complete.get("user").get("totpEnabled").asBoolean()).isTrue();
		second.get("/api/v1/users").expect(200);

		Browser third = signInWithPassword(fixtures, user);
		Browser.Response replayed = third.post("/api/v1/auth/totp", Map.of("code", code(secret, step + 1)));
		replayed.expect(401);
		assertThat(replayed.code()).isEqualTo("auth.totp.invalid");
		third.post("/api/v1/auth/totp", Map.of("recoveryCode", recovery.get(0))).expect(200);

		Browser fourth = signInWithPassword(fixtures, user);
		fourth.post("/api/v1/auth/totp", Map.of("recoveryCode", recovery.get(0))).expect(401);
		fourth.post("/api/v1/auth/totp", Map.of("recoveryCode", recovery.get(1).toLowerCase())).expect(200);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM platform.audit_record WHERE action = 'platform.totp.recovery-code-used' "
					+ "AND actor_name = ?")
			.param(user.username())
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM platform.audit_record WHERE action = 'platform.totp.failed' AND actor_name = ?")
			.param(user.username())
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void disablingNeedsACodeAndIsRefusedWhenARoleRequiresTotp() throws Exception {
		IdentityFixtures fixtures = fixtures();
		IdentityFixtures.SignedIn user = fixtures.signedInUser("totp-off", "viewer");
		String secret = user.browser().post("/api/v1/me/totp/enrolment", null).body().get("secret").asString();
		long step = step();
		user.browser().post("/api/v1/me/totp/confirm", Map.of("code", code(secret, step))).expect(200);

		Browser admin = fixtures.admin();
		UUID strict = UUID.fromString(admin
			.post("/api/v1/roles",
					Map.of("name", IdentityFixtures.randomName("strict"), "description", "needs TOTP", "permissions",
							List.of("platform.user.read"), "requiresTotp", true))
			.expect(201)
			.body()
			.get("id")
			.asString());
		UUID assignment = UUID
			.fromString(admin.post("/api/v1/role-assignments", Map.of("userId", user.id(), "roleId", strict))
				.expect(201)
				.body()
				.get("id")
				.asString());
		Browser.Response refused = user.browser().delete("/api/v1/me/totp", Map.of("code", code(secret, step + 1)));
		refused.expect(409);
		assertThat(refused.code()).isEqualTo("totp.required-by-role");

		admin.delete("/api/v1/role-assignments/" + assignment, null).expect(204);
		user.browser().delete("/api/v1/me/totp", Map.of("code", code(secret, step - 3))).expect(422);
		user.browser().delete("/api/v1/me/totp", Map.of("code", code(secret, step + 1))).expect(204);
		assertThat(user.browser().get("/api/v1/auth/session").body().get("user").get("totpEnabled").asBoolean())
			.isFalse();
	}

	@Test
	void aRoleRequiringTotpMakesEnrolmentPartOfTheSignIn() throws Exception {
		IdentityFixtures fixtures = fixtures();
		Browser admin = fixtures.admin();
		UUID strict = UUID
			.fromString(admin
				.post("/api/v1/roles",
						Map.of("name", IdentityFixtures.randomName("strict"), "permissions",
								List.of("platform.user.read"), "requiresTotp", true))
				.expect(201)
				.body()
				.get("id")
				.asString());
		String username = IdentityFixtures.randomName("enrol");
		UUID id = fixtures.createUser(admin, username);
		admin.post("/api/v1/role-assignments", Map.of("userId", id, "roleId", strict)).expect(201);

		Browser browser = fixtures.browser();
		browser.post("/api/v1/auth/login", Map.of("username", username, "password", IdentityFixtures.PASSWORD))
			.expect(200);
		JsonNode changed = browser
			.post("/api/v1/me/password",
					Map.of("currentPassword", IdentityFixtures.PASSWORD, "newPassword", "Lantern-Orchid-Basalt-3"))
			.expect(200)
			.body();
		assertThat(changed.get("stage").asString()).isEqualTo("TOTP_ENROLMENT_REQUIRED");
		Browser.Response blocked = browser.get("/api/v1/users");
		blocked.expect(401);
		assertThat(blocked.code()).isEqualTo("auth.stage.totp-enrolment-required");

		String secret = browser.post("/api/v1/me/totp/enrolment", null).expect(200).body().get("secret").asString();
		browser.post("/api/v1/me/totp/confirm", Map.of("code", code(secret, step()))).expect(200);
		assertThat(browser.get("/api/v1/auth/session").body().get("stage").asString()).isEqualTo("COMPLETE");
		browser.get("/api/v1/users").expect(200);
	}

	private Browser signInWithPassword(IdentityFixtures fixtures, IdentityFixtures.SignedIn user) {
		Browser browser = fixtures.browserFromRandomAddress();
		JsonNode session = browser
			.post("/api/v1/auth/login", Map.of("username", user.username(), "password", user.password()))
			.expect(200)
			.body();
		assertThat(session.get("stage").asString()).isEqualTo("TOTP_REQUIRED");
		assertThat(session.get("permissions")).isEmpty();
		return browser;
	}

	private long step() {
		return this.clock.instant().getEpochSecond() / 30;
	}

	private static String code(String secret, long step) throws Exception {
		return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
	}

}
