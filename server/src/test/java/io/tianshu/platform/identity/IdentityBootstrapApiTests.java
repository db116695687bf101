package io.tianshu.platform.identity;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

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
class IdentityBootstrapApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Test
	void firstStartCreatesAnAdministratorWhoMustChangeTheGeneratedPassword() throws Exception {
		IdentityFixtures fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		assertThat(fixtures.initialPasswordFile()).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fixtures.initialPasswordFile())))
			.isEqualTo("rw-------");
		String initial = Files.readString(fixtures.initialPasswordFile()).strip();
		assertThat(initial).hasSizeGreaterThanOrEqualTo(20);
		assertThat(this.jdbc.sql("""
				SELECT r.name FROM platform.role_assignment a JOIN platform.role r ON r.id = a.role_id
				JOIN platform.users u ON u.id = a.user_id WHERE u.username = 'admin'""").query(String.class).list())
			.containsExactly("administrator");
		assertThat(this.jdbc.sql("SELECT display_name FROM platform.users WHERE username = 'admin'")
			.query(String.class)
			.single()).isEqualTo("系统管理员");

		fixtures.admin();
		JsonNode first = IdentityFixtures.firstAdminSignIn.get(this.properties.dataDir().toAbsolutePath());
		assertThat(first.get("stage").asString()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
		assertThat(first.get("user").get("mustChangePassword").asBoolean()).isTrue();
		assertThat(first.get("permissions")).isEmpty();

		// the generated password is gone once changed
		fixtures.browser().post("/api/v1/auth/login", Map.of("username", "admin", "password", initial)).expect(401);
	}

	@Test
	void theBootstrapDoesNothingWhenUsersExist() {
		IdentityFixtures fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		fixtures.admin();
		assertThat(this.jdbc.sql("SELECT count(*) FROM platform.users WHERE username = 'admin'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

}
