package io.tianshu.cmdb.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.tianshu.TianshuIntegrationTest;
import io.tianshu.cmdb.query.CmdbWorld;
import io.tianshu.platform.TianshuProperties;
import io.tianshu.platform.identity.Browser;
import io.tianshu.platform.identity.IdentityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions saved by a user whose role is limited to a business system deliver only
 * changes of that system's CIs, judged when the delivery row is created; such a user does
 * not see subscriptions that deliver more than they may read.
 */
@TianshuIntegrationTest
class CmdbWebhookScopeApiTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	private WebhookReceiver receiver;

	private Browser admin;

	private final List<String> subscriptions = new ArrayList<>();

	private final String s = UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void start() throws Exception {
		this.receiver = new WebhookReceiver();
		this.admin = new IdentityFixtures(this.mvc, this.json, this.properties).admin();
	}

	@AfterEach
	void stop() {
		for (String id : this.subscriptions) {
			this.admin.delete("/api/v1/cmdb/webhooks/" + id, null);
		}
		this.receiver.close();
	}

	private String ci(String model, String name, Map<String, Object> attributes) {
		return CmdbWorld.ci(this.admin, model, name, attributes);
	}

	private void relate(String type, String source, String target) {
		CmdbWorld.relate(this.admin, type, source, target);
	}

	private void touch(String host, int cores) {
		// the end of a CI id is random; its start is the time it was made
		String name = "h-" + host.substring(host.length() - 12);
		this.admin
			.put("/api/v1/cmdb/cis/" + host, Map.of("name", name, "attributes",
					Map.of("hostname", name, "host_type", "virtual", "environment", "prod", "cpu_cores", cores)))
			.expect(200);
	}

	/**
	 * A signed-in user holding cmdb.ci.read and cmdb.webhook.manage within one business
	 * system.
	 */
	private Browser scopedManager(String businessSystem) {
		IdentityFixtures fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		String role = this.admin
			.post("/api/v1/roles",
					Map.of("name", IdentityFixtures.randomName("wh-scope"), "permissions",
							List.of("cmdb.ci.read", "cmdb.model.read", "cmdb.webhook.manage")))
			.expect(201)
			.body()
			.get("id")
			.asString();
		String username = IdentityFixtures.randomName("wh-scoped");
		UUID user = fixtures.createUser(this.admin, username);
		Map<String, Object> assignment = new HashMap<>(Map.of("userId", user, "roleId", role));
		assignment.put("scope", Map.of("businessSystem", businessSystem));
		this.admin.post("/api/v1/role-assignments", assignment).expect(201);
		return fixtures.signInFirstTime(username, "Scoped-Webhook-Passphrase-" + this.s);
	}

	private String subscribe(Browser browser, String path) {
		Browser.Response created = browser.post("/api/v1/cmdb/webhooks",
				Map.of("name", "范围订阅 " + path + " " + this.s, "url", this.receiver.url(path), "models", List.of("host"),
						"events", List.of("ci.updated", "relation.created")));
		created.expect(201);
		String id = created.body().get("webhook").get("id").asString();
		this.subscriptions.add(id);
		return id;
	}

	/** The (event, CI or relation target) of every delivery row of the subscription. */
	private List<String> delivered(String webhook) {
		List<String> rows = new ArrayList<>();
		for (JsonNode d : this.admin.get("/api/v1/cmdb/webhooks/" + webhook + "/deliveries?limit=200")
			.expect(200)
			.body()
			.get("items")) {
			String payload = d.get("payload").asString();
			String event = JsonPath.read(payload, "$.event");
			rows.add(event + " " + (event.startsWith("ci.") ? JsonPath.read(payload, "$.ci.id")
					: JsonPath.read(payload, "$.relation.targetId")));
		}
		return rows;
	}

	@Test
	void aScopedSubscriptionDeliversOnlyItsBusinessSystemsChanges() {
		String system = "BS-" + this.s;
		String bs = ci("business_system", system, Map.of("system_code", "W" + this.s.toUpperCase(Locale.ROOT),
				"business_grade", "A", "rto_minutes", 10, "rpo_minutes", 0));
		String app = ci("application", "app-" + this.s, Map.of("app_code", "WA" + this.s.toUpperCase(Locale.ROOT)));
		String inside = ci("host", "hin-" + this.s, Map.of("hostname", "hin-" + this.s, "environment", "prod"));
		String outside = ci("host", "hout-" + this.s, Map.of("hostname", "hout-" + this.s, "environment", "prod"));
		relate("contains", bs, app);
		relate("runs_on", app, inside);

		Browser manager = scopedManager(system);
		String scoped = subscribe(manager, "/scoped");
		String everything = subscribe(this.admin, "/everything");

		// the snapshot of the saver's read scope is stored and shown
		JsonNode saved = this.admin.get("/api/v1/cmdb/webhooks/" + scoped).expect(200).body();
		assertThat(saved.get("scope").get("everywhere").asBoolean()).isFalse();
		assertThat(saved.get("scope").get("areas").get(0).get("businessSystem").asString()).isEqualTo(system);
		assertThat(this.admin.get("/api/v1/cmdb/webhooks/" + everything)
			.expect(200)
			.body()
			.get("scope")
			.get("everywhere")
			.asBoolean()).isTrue();

		touch(outside, 4);
		touch(inside, 8);
		// the unscoped subscription got both: the fan-out of both changes has run
		await().atMost(WAIT)
			.until(() -> delivered(everything).containsAll(List.of("ci.updated " + outside, "ci.updated " + inside)));
		assertThat(delivered(scoped)).containsExactly("ci.updated " + inside);

		// the outside host joins the system: its relation and later changes are delivered
		relate("runs_on", app, outside);
		touch(outside, 16);
		await().atMost(WAIT).until(() -> delivered(everything).size() == 4);
		assertThat(delivered(scoped)).containsExactlyInAnyOrder("ci.updated " + inside, "relation.created " + outside,
				"ci.updated " + outside);

		// the scoped manager sees their own subscription, not the one that delivers
		// everything
		List<String> listed = new ArrayList<>();
		manager.get("/api/v1/cmdb/webhooks").expect(200).body().forEach((w) -> listed.add(w.get("id").asString()));
		assertThat(listed).contains(scoped).doesNotContain(everything);
		assertThat(manager.get("/api/v1/cmdb/webhooks/" + everything + "/deliveries").expect(404).code())
			.isEqualTo("cmdb.webhook.not-found");
		manager
			.put("/api/v1/cmdb/webhooks/" + everything,
					Map.of("name", "劫持 " + this.s, "url", this.receiver.url("/mine"), "models", List.of("host")))
			.expect(404);
	}

}
