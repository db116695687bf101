package io.tianshu.cmdb.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bulk imports (one {@code CisImported} / {@code RelationsImported} per job) reach
 * webhook subscribers as one signed delivery per CI change or relation, with the body a
 * console change has, through the delivery log; model, attribute, event and scope filters
 * hold.
 */
@TianshuIntegrationTest
class CmdbWebhookImportApiTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

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

	/** A model of this test only: code (required, identifies), ip, cores. */
	private String model() {
		String code = "whi_" + UUID.randomUUID().toString().substring(0, 8);
		this.admin.post("/api/v1/cmdb/models",
				Map.of("code", code, "name", "导入订阅测试", "group", "iaas", "attributes",
						List.of(Map.of("code", "code", "name", "编码", "type", "string", "required", true),
								Map.of("code", "ip", "name", "IP", "type", "ip"),
								Map.of("code", "cores", "name", "核数", "type", "int")),
						"identificationRules", List.of(Map.of("name", "code", "attributes", List.of("code")))))
			.expect(201);
		return code;
	}

	private String ci(String model, String name, Map<String, Object> attributes) {
		return CmdbWorld.ci(this.admin, model, name, attributes);
	}

	/** Subscribes as the browser's user; returns {id, secret}. */
	private String[] subscribe(Browser browser, String path, Map<String, Object> filters) {
		Map<String, Object> body = new HashMap<>(filters);
		body.put("name", "导入订阅 " + path + " " + this.s);
		body.put("url", this.receiver.url(path));
		Browser.Response created = browser.post("/api/v1/cmdb/webhooks", body);
		created.expect(201);
		String id = created.body().get("webhook").get("id").asString();
		this.subscriptions.add(id);
		return new String[] { id, created.body().get("secret").asString() };
	}

	/** Dry run and apply of a file as the browser's user; returns the applied job. */
	private static JsonNode importFile(Browser browser, String model, String csv) {
		var request = MockMvcRequestBuilders.multipart("/api/v1/cmdb/imports")
			.file(new MockMultipartFile("file", "hooks.csv", null, csv.getBytes(StandardCharsets.UTF_8)))
			.param("mode", "dryRun");
		if (model != null) {
			request.param("model", model);
		}
		else {
			request.param("kind", "relations");
		}
		String job = browser.perform(request, true).expect(201).body().get("id").asString();
		return browser.post("/api/v1/cmdb/imports/" + job + "/apply", Map.of("rows", "all")).expect(200).body();
	}

	private List<JsonNode> deliveries(String webhook) {
		List<JsonNode> rows = new ArrayList<>();
		this.admin.get("/api/v1/cmdb/webhooks/" + webhook + "/deliveries?limit=200")
			.expect(200)
			.body()
			.get("items")
			.forEach(rows::add);
		return rows;
	}

	private List<JsonNode> bodies(String path) {
		List<JsonNode> bodies = new ArrayList<>();
		this.receiver.received(path).forEach((r) -> bodies.add(this.json.readTree(r.body())));
		return bodies;
	}

	private static String hmac(String secret, String message) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return "sha256=" + HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
	}

	private static Set<String> fields(JsonNode node) {
		return new TreeSet<>(node.propertyNames());
	}

	@Test
	void importedCreatesAndUpdatesAreDeliveredPerCiLikeConsoleChanges() throws Exception {
		String model = model();
		String other = model();
		String a = ci(model, "a-" + this.s, Map.of("code", "A" + this.s, "ip", "10.9.0.1", "cores", 2));
		String b = ci(model, "b-" + this.s, Map.of("code", "B" + this.s, "cores", 2));
		String[] all = subscribe(this.admin, "/all", Map.of("models", List.of(model)));
		String[] byIp = subscribe(this.admin, "/ip",
				Map.of("models", List.of(model), "attributes", List.of("ip"), "events", List.of("ci.updated")));
		String[] elsewhere = subscribe(this.admin, "/other", Map.of("models", List.of(other)));

		// creates c and d; updates a's ip and cores, and b's cores only
		JsonNode job = importFile(this.admin, model,
				"name,code,ip,cores\n" + "a-" + this.s + ",A" + this.s + ",10.9.0.2,4\n" + "b-" + this.s + ",B" + this.s
						+ ",,8\n" + "c-" + this.s + ",C" + this.s + ",10.9.0.3,1\n" + "d-" + this.s + ",D" + this.s
						+ ",,1\n");
		assertThat(job.get("report").get("applied").get("created").asInt()).isEqualTo(2);
		assertThat(job.get("report").get("applied").get("updated").asInt()).isEqualTo(2);

		await().atMost(WAIT).until(() -> this.receiver.received("/all").size() == 4);
		List<JsonNode> received = bodies("/all");
		assertThat(received).extracting((r) -> r.get("event").asString() + " " + r.get("ci").get("name").asString())
			.containsExactlyInAnyOrder("ci.updated a-" + this.s, "ci.updated b-" + this.s, "ci.created c-" + this.s,
					"ci.created d-" + this.s);
		assertThat(received).allSatisfy((r) -> {
			assertThat(r.get("source").asString()).isEqualTo("IMPORT");
			assertThat(r.get("actor").asString()).isEqualTo("admin");
			assertThat(r.get("ci").get("model").asString()).isEqualTo(model);
		});
		JsonNode updateOfA = received.stream()
			.filter((r) -> r.get("ci").get("id").asString().equals(a))
			.findFirst()
			.orElseThrow();
		assertThat(updateOfA.get("ci").get("version").asInt()).isEqualTo(2);
		assertThat(updateOfA.get("changes").get("attributes.ip").get("from").asString()).isEqualTo("10.9.0.1");
		assertThat(updateOfA.get("changes").get("attributes.ip").get("to").asString()).isEqualTo("10.9.0.2");
		assertThat(updateOfA.get("changes").get("attributes.cores").get("to").asInt()).isEqualTo(4);
		// signed like every delivery
		for (WebhookReceiver.Received request : this.receiver.received("/all")) {
			assertThat(request.header("X-Tianshu-Signature"))
				.isEqualTo(hmac(all[1], request.header("X-Tianshu-Timestamp") + "." + request.body()));
			assertThat(request.header("X-Tianshu-Event")).isIn("ci.created", "ci.updated");
		}
		// through the delivery log
		await().atMost(WAIT)
			.until(() -> deliveries(all[0]).stream().allMatch((d) -> "DELIVERED".equals(d.get("status").asString())));
		assertThat(deliveries(all[0])).hasSize(4);

		// the attribute filter sees each CI's own change: b's did not touch ip, and the
		// created ones are not ci.updated
		await().atMost(WAIT).until(() -> this.receiver.received("/ip").size() == 1);
		assertThat(deliveries(byIp[0])).hasSize(1);
		assertThat(bodies("/ip").get(0).get("ci").get("id").asString()).isEqualTo(a);
		assertThat(deliveries(elsewhere[0])).isEmpty();

		// a console change of the same CI has the same shape
		this.admin
			.put("/api/v1/cmdb/cis/" + a,
					Map.of("name", "a-" + this.s, "attributes", Map.of("code", "A" + this.s, "ip", "10.9.0.9")))
			.expect(200);
		await().atMost(WAIT).until(() -> this.receiver.received("/all").size() == 5);
		JsonNode console = bodies("/all").stream()
			.filter((r) -> "CONSOLE".equals(r.get("source").asString()) || "API".equals(r.get("source").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(fields(console)).isEqualTo(fields(updateOfA));
		assertThat(fields(console.get("ci"))).isEqualTo(fields(updateOfA.get("ci")));
		assertThat(console.get("ci").get("version").asInt()).isEqualTo(3);
		assertThat(console.get("id").asString()).isNotEqualTo(updateOfA.get("id").asString());
	}

	@Test
	void aLargeImportIsFannedOutChunkByChunk() {
		String model = model();
		int n = 2 * ImportFanout.CHUNK + 500;
		StringBuilder create = new StringBuilder("name,code,cores\n");
		for (int i = 0; i < n; i++) {
			create.append("n")
				.append(i)
				.append('-')
				.append(this.s)
				.append(",N")
				.append(i)
				.append(',')
				.append(1)
				.append('\n');
		}
		importFile(this.admin, model, create.toString());
		String[] byIp = subscribe(this.admin, "/bulk", Map.of("models", List.of(model), "attributes", List.of("ip")));
		// every CI changes its cores; three of them, one in each chunk, also get an ip
		Set<Integer> withIp = Set.of(0, ImportFanout.CHUNK + 1, n - 1);
		StringBuilder update = new StringBuilder("name,code,cores,ip\n");
		for (int i = 0; i < n; i++) {
			update.append("n").append(i).append('-').append(this.s).append(",N").append(i).append(",2,");
			if (withIp.contains(i)) {
				update.append("10.10.0.").append(withIp.stream().sorted().toList().indexOf(i) + 1);
			}
			update.append('\n');
		}
		JsonNode job = importFile(this.admin, model, update.toString());
		assertThat(job.get("report").get("applied").get("updated").asInt()).isEqualTo(n);
		await().atMost(WAIT).until(() -> this.receiver.received("/bulk").size() == 3);
		assertThat(bodies("/bulk")).extracting((b) -> b.get("ci").get("name").asString())
			.containsExactlyInAnyOrder("n0-" + this.s, "n" + (ImportFanout.CHUNK + 1) + "-" + this.s,
					"n" + (n - 1) + "-" + this.s);
		assertThat(deliveries(byIp[0])).hasSize(3);
	}

	/**
	 * A signed-in user holding cmdb.ci.read and cmdb.webhook.manage within one business
	 * system.
	 */
	private Browser scopedManager(String businessSystem) {
		IdentityFixtures fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		String role = this.admin
			.post("/api/v1/roles",
					Map.of("name", IdentityFixtures.randomName("whi-scope"), "permissions",
							List.of("cmdb.ci.read", "cmdb.model.read", "cmdb.webhook.manage")))
			.expect(201)
			.body()
			.get("id")
			.asString();
		String username = IdentityFixtures.randomName("whi-scoped");
		UUID user = fixtures.createUser(this.admin, username);
		Map<String, Object> assignment = new HashMap<>(Map.of("userId", user, "roleId", role));
		assignment.put("scope", Map.of("businessSystem", businessSystem));
		this.admin.post("/api/v1/role-assignments", assignment).expect(201);
		return fixtures.signInFirstTime(username, "Scoped-Import-Passphrase-" + this.s);
	}

	@Test
	void importedChangesReachScopedSubscriptionsOnlyWithinTheirScope() {
		String upper = this.s.toUpperCase(Locale.ROOT);
		String system = "BS-" + this.s;
		String bs = ci("business_system", system,
				Map.of("system_code", "V" + upper, "business_grade", "A", "rto_minutes", 10, "rpo_minutes", 0));
		String app = ci("application", "app-" + this.s, Map.of("app_code", "V" + upper));
		String inside = ci("host", "hin-" + this.s, Map.of("hostname", "hin-" + this.s, "environment", "prod"));
		String outside = ci("host", "hout-" + this.s, Map.of("hostname", "hout-" + this.s, "environment", "prod"));
		this.admin.post("/api/v1/cmdb/relations", Map.of("type", "contains", "sourceId", bs, "targetId", app))
			.expect(201);
		this.admin.post("/api/v1/cmdb/relations", Map.of("type", "runs_on", "sourceId", app, "targetId", inside))
			.expect(201);
		Map<String, Object> filters = Map.of("models", List.of("host"), "events",
				List.of("ci.updated", "relation.created"));
		String scoped = subscribe(scopedManager(system), "/scoped", filters)[0];
		String everything = subscribe(this.admin, "/everything", filters)[0];

		importFile(this.admin, "host", "名称,主机名,CPU 核数\n" + "hin-" + this.s + ",hin-" + this.s + ",8\n" + "hout-"
				+ this.s + ",hout-" + this.s + ",8\n");
		await().atMost(WAIT)
			.until(() -> deliveries(everything).stream()
				.map((d) -> this.json.readTree(d.get("payload").asString()).get("ci").get("id").asString())
				.toList()
				.containsAll(List.of(inside, outside)));
		assertThat(deliveries(scoped)).extracting((d) -> this.json.readTree(d.get("payload").asString()))
			.extracting((p) -> p.get("event").asString() + " " + p.get("ci").get("id").asString())
			.containsExactly("ci.updated " + inside);

		// a relation import puts the outside host under the system: delivered, as the
		// relation.created of a console change would be
		JsonNode relations = importFile(this.admin, null, "type,source_model,source,target_model,target\n"
				+ "runs_on,application,V" + upper + ",host,hout-" + this.s + "\n");
		assertThat(relations.get("report").get("applied").get("created").asInt()).isEqualTo(1);
		await().atMost(WAIT).until(() -> deliveries(scoped).size() == 2);
		JsonNode relation = deliveries(scoped).stream()
			.map((d) -> this.json.readTree(d.get("payload").asString()))
			.filter((p) -> p.get("event").asString().equals("relation.created"))
			.findFirst()
			.orElseThrow()
			.get("relation");
		assertThat(relation.get("sourceId").asString()).isEqualTo(app);
		assertThat(relation.get("targetId").asString()).isEqualTo(outside);
		assertThat(relation.get("sourceModel").asString()).isEqualTo("application");
		assertThat(relation.get("targetModel").asString()).isEqualTo("host");
		assertThat(fields(relation)).containsExactly("id", "sourceId", "sourceModel", "targetId", "targetModel",
				"type");
	}

}
