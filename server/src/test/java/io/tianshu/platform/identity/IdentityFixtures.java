package io.tianshu.platform.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.tianshu.platform.TianshuProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs in as real users through the real endpoints. The first administrator's password
 * is read from {@code <dataDir>/initial-admin-password} and changed on first use (the
 * application context, and so the database, is shared by all test classes).
 */
public final class IdentityFixtures {

	public static final String PASSWORD = "Correct-Horse-Battery-42";

	private static final Map<Path, String> adminPasswords = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * The session of the first administrator's very first sign-in, per data directory.
	 */
	static final Map<Path, JsonNode> firstAdminSignIn = new java.util.concurrent.ConcurrentHashMap<>();

	private final MockMvc mvc;

	private final JsonMapper json;

	private final TianshuProperties properties;

	public IdentityFixtures(MockMvc mvc, JsonMapper json, TianshuProperties properties) {
		this.mvc = mvc;
		this.json = json;
		this.properties = properties;
	}

	public Browser browser() {
		return new Browser(this.mvc, this.json);
	}

	/** A browser from its own random source address, so throttling tests stay apart. */
	public Browser browserFromRandomAddress() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return new Browser(this.mvc, this.json,
				"10." + r.nextInt(1, 255) + "." + r.nextInt(0, 255) + "." + r.nextInt(1, 255));
	}

	public Path initialPasswordFile() {
		return this.properties.dataDir().resolve("initial-admin-password");
	}

	/** A browser signed in (stage COMPLETE) as the first administrator. */
	public Browser admin() {
		Path dataDir = this.properties.dataDir().toAbsolutePath();
		synchronized (IdentityFixtures.class) {
			if (!adminPasswords.containsKey(dataDir)) {
				try {
					String initial = Files.readString(initialPasswordFile()).strip();
					Browser browser = browser();
					Browser.Response login = browser.post("/api/v1/auth/login",
							Map.of("username", "admin", "password", initial));
					login.expect(200);
					firstAdminSignIn.put(dataDir, login.body());
					browser.post("/api/v1/me/password", Map.of("currentPassword", initial, "newPassword", PASSWORD))
						.expect(200);
					adminPasswords.put(dataDir, PASSWORD);
				}
				catch (java.io.IOException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		Browser browser = browser();
		browser.post("/api/v1/auth/login", Map.of("username", "admin", "password", adminPasswords.get(dataDir)))
			.expect(200);
		return browser;
	}

	public static String randomName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Creates a user (who must change the password) and returns its id. */
	public UUID createUser(Browser admin, String username) {
		Browser.Response created = admin.post("/api/v1/users", Map.of("username", username, "displayName",
				"Test " + username, "email", username + "@example.com", "password", PASSWORD));
		created.expect(201);
		return UUID.fromString(created.body().get("id").asString());
	}

	public UUID roleId(Browser admin, String roleName) {
		for (JsonNode role : admin.get("/api/v1/roles").expect(200).body()) {
			if (role.get("name").asString().equals(roleName)) {
				return UUID.fromString(role.get("id").asString());
			}
		}
		throw new IllegalArgumentException("No role " + roleName);
	}

	/** Signs in with the password and changes it away from the initial one. */
	public Browser signInFirstTime(String username, String newPassword) {
		Browser browser = browser();
		Browser.Response login = browser.post("/api/v1/auth/login", Map.of("username", username, "password", PASSWORD));
		login.expect(200);
		assertThat(login.body().get("stage").asString()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
		browser.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", newPassword))
			.expect(200);
		return browser;
	}

	/** A new user holding the roles, signed in at stage COMPLETE. */
	public SignedIn signedInUser(String prefix, String... roles) {
		Browser admin = admin();
		String username = randomName(prefix);
		UUID id = createUser(admin, username);
		for (String role : roles) {
			admin.post("/api/v1/role-assignments", Map.of("userId", id, "roleId", roleId(admin, role))).expect(201);
		}
		String password = "Another-Strong-Passphrase-7";
		Browser browser = signInFirstTime(username, password);
		assertThat(browser.get("/api/v1/auth/session").body().get("stage").asString()).isEqualTo("COMPLETE");
		return new SignedIn(id, username, password, browser);
	}

	public record SignedIn(UUID id, String username, String password, Browser browser) {
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new java.util.ArrayList<>();
		array.forEach((n) -> values.add(n.asString()));
		return values;
	}

}
