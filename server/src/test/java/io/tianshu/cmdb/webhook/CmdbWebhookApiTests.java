package io.tianshu.cmdb.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.jayway.jsonpath.JsonPath;
import io.tianshu.TianshuIntegrationTest;
import io.tianshu.cmdb.CmdbPermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Webhook subscriptions against a real HTTP receiver (JDK HttpServer on loopback): signed
 * deliveries, filters, retries with the test profile's millisecond backoff, giving up,
 * redelivery, ping, and a pending row picked up from the table while another transaction
 * holds it locked.
 */
@TianshuIntegrationTest
class CmdbWebhookApiTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	WebhookDispatcher dispatcher;

	private WebhookReceiver receiver;

	private final List<String> subscriptions = new ArrayList<>();

	@BeforeEach
	void start() throws Exception {
		this.receiver = new WebhookReceiver();
	}

	@AfterEach
	void stop() throws Exception {
		for (String id : this.subscriptions) {
			send(delete("/api/v1/cmdb/webhooks/" + id), "");
		}
		this.receiver.close();
	}

	private static RequestPostProcessor admin() {
		return user("webhook-admin").authorities(new SimpleGrantedAuthority(CmdbPermissions.MODEL_READ),
				new SimpleGrantedAuthority(CmdbPermissions.MODEL_WRITE),
				new SimpleGrantedAuthority(CmdbPermissions.CI_READ),
				new SimpleGrantedAuthority(CmdbPermissions.CI_WRITE),
				new SimpleGrantedAuthority(CmdbPermissions.RELATION_WRITE),
				new SimpleGrantedAuthority(CmdbPermissions.WEBHOOK_MANAGE));
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String body) throws Exception {
		return this.mvc
			.perform(request.with(admin()).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	private String body(ResultActions actions) throws Exception {
		return actions.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	/** A model of this test only: code (required), ip, note. */
	private String model() throws Exception {
		String code = "wh_" + suffix();
		send(post("/api/v1/cmdb/models"), """
				{"code": "%s", "name": "订阅测试", "group": "iaas", "attributes": [
				  {"code": "code", "name": "编码", "type": "string", "required": true},
				  {"code": "ip", "name": "IP", "type": "ip"},
				  {"code": "note", "name": "备注", "type": "string"}]}""".formatted(code))
			.andExpect(status().isCreated());
		return code;
	}

	private String ci(String model, String attributes) throws Exception {
		return JsonPath.read(body(send(post("/api/v1/cmdb/cis"), """
				{"model": "%s", "name": "ci-%s", "attributes": %s}""".formatted(model, suffix(), attributes))
			.andExpect(status().isCreated())), "$.id");
	}

	private void update(String id, String attributes) throws Exception {
		send(put("/api/v1/cmdb/cis/" + id), """
				{"name": "ci-%s", "attributes": %s}""".formatted(suffix(), attributes)).andExpect(status().isOk());
	}

	/** Subscribes and returns {id, secret}. */
	private String[] subscribe(String path, String filters) throws Exception {
		String response = body(send(post("/api/v1/cmdb/webhooks"), """
				{"name": "测试订阅 %s", "url": "%s" %s}""".formatted(suffix(), this.receiver.url(path), filters))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.secret").value(startsWith("whsec_"))));
		String id = JsonPath.read(response, "$.webhook.id");
		this.subscriptions.add(id);
		return new String[] { id, JsonPath.read(response, "$.secret") };
	}

	private List<Map<String, Object>> deliveries(String webhook) throws Exception {
		return JsonPath
			.read(body(this.mvc.perform(get("/api/v1/cmdb/webhooks/" + webhook + "/deliveries").with(admin()))
				.andExpect(status().isOk())), "$.items");
	}

	/** Every published CMDB event has been fanned out into delivery rows. */
	private void fanoutSettled() {
		await().atMost(WAIT)
			.until(() -> this.jdbc.sql("""
					SELECT count(*) FROM platform.event_publication
					WHERE listener_id LIKE '%WebhookFanout%' AND completion_date IS NULL""")
				.query(Integer.class)
				.single() == 0);
	}

	private static String hmac(String secret, String message) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return "sha256=" + HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void deliveriesAreSignedAndTheSecretIsShownOnlyOnce() throws Exception {
		String model = model();
		String[] webhook = subscribe("/signed", ", \"models\": [\"%s\"]".formatted(model));
		String ci = ci(model, "{\"code\": \"A1\", \"ip\": \"10.1.1.1\"}");

		await().atMost(WAIT).until(() -> this.receiver.received("/signed").size() == 1);
		WebhookReceiver.Received request = this.receiver.received("/signed").get(0);
		assertThat(request.header(":method")).isEqualTo("POST");
		assertThat(request.header("X-Tianshu-Event")).isEqualTo("ci.created");
		assertThat(request.header("Content-Type")).startsWith("application/json");
		String timestamp = request.header("X-Tianshu-Timestamp");
		assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis() / 1000,
				org.assertj.core.data.Offset.offset(60L));
		assertThat(request.header("X-Tianshu-Signature")).isEqualTo(hmac(webhook[1], timestamp + "." + request.body()));
		assertThat(request.header("X-Tianshu-Signature"))
			.isNotEqualTo(hmac("whsec_wrong", timestamp + "." + request.body()));
		assertThat((String) JsonPath.read(request.body(), "$.ci.id")).isEqualTo(ci);
		assertThat((String) JsonPath.read(request.body(), "$.ci.model")).isEqualTo(model);
		assertThat((String) JsonPath.read(request.body(), "$.changes['attributes.ip'].to")).isEqualTo("10.1.1.1");
		assertThat((String) JsonPath.read(request.body(), "$.actor")).isEqualTo("webhook-admin");

		await().atMost(WAIT).until(() -> "DELIVERED".equals(deliveries(webhook[0]).get(0).get("status")));
		Map<String, Object> delivery = deliveries(webhook[0]).get(0);
		assertThat(delivery.get("id")).isEqualTo(request.header("X-Tianshu-Delivery"));
		assertThat(delivery.get("attempts")).isEqualTo(1);
		assertThat(delivery.get("lastStatusCode")).isEqualTo(200);
		assertThat(delivery.get("responseSnippet")).isEqualTo("receiver says 200");
		assertThat(delivery.get("payload")).isEqualTo(request.body());

		// never readable again, and stored sealed
		this.mvc.perform(get("/api/v1/cmdb/webhooks/" + webhook[0]).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.secret").doesNotExist())
			.andExpect(jsonPath("$.events").value(hasItem("relation.deleted")));
		String stored = this.jdbc.sql("SELECT secret FROM cmdb.webhook WHERE id = ?::uuid")
			.param(webhook[0])
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(webhook[1].substring("whsec_".length()));

		// a rotated secret signs the next delivery
		String rotated = JsonPath.read(
				body(send(post("/api/v1/cmdb/webhooks/" + webhook[0] + "/secret"), "").andExpect(status().isOk())),
				"$.secret");
		assertThat(rotated).isNotEqualTo(webhook[1]);
		send(post("/api/v1/cmdb/webhooks/" + webhook[0] + "/ping"), "").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DELIVERED"))
			.andExpect(jsonPath("$.event").value("ping"));
		WebhookReceiver.Received ping = this.receiver.received("/signed").get(1);
		assertThat(ping.header("X-Tianshu-Event")).isEqualTo("ping");
		assertThat(ping.header("X-Tianshu-Signature"))
			.isEqualTo(hmac(rotated, ping.header("X-Tianshu-Timestamp") + "." + ping.body()));
	}

	@Test
	void onlyMatchingModelsAttributesAndEventsAreDelivered() throws Exception {
		String model = model();
		String other = model();
		String[] byAttribute = subscribe("/attribute",
				", \"models\": [\"%s\"], \"attributes\": [\"ip\"]".formatted(model));
		String[] retirements = subscribe("/retired",
				", \"events\": [\"ci.retired\"], \"models\": [\"%s\", \"%s\"]".formatted(model, other));

		String ci = ci(model, "{\"code\": \"B1\", \"ip\": \"10.2.0.1\"}");
		update(ci, "{\"code\": \"B1\", \"ip\": \"10.2.0.1\", \"note\": \"只改备注\"}");
		update(ci, "{\"code\": \"B1\", \"ip\": \"10.2.0.2\", \"note\": \"只改备注\"}");
		String elsewhere = ci(other, "{\"code\": \"B2\", \"ip\": \"10.2.0.3\"}");
		send(post("/api/v1/cmdb/cis/" + elsewhere + "/retire"), "").andExpect(status().isOk());
		fanoutSettled();

		await().atMost(WAIT).until(() -> this.receiver.received("/attribute").size() == 2);
		await().atMost(WAIT).until(() -> this.receiver.received("/retired").size() == 1);
		assertThat(deliveries(byAttribute[0])).extracting((d) -> d.get("event"))
			.containsExactlyInAnyOrder("ci.created", "ci.updated");
		assertThat(this.receiver.received("/attribute")).extracting((r) -> (Object) JsonPath.read(r.body(), "$.ci.id"))
			.containsOnly(ci);
		assertThat(this.receiver.received("/attribute"))
			.anySatisfy((r) -> assertThat((String) JsonPath.read(r.body(), "$.changes['attributes.ip'].to"))
				.isEqualTo("10.2.0.2"));
		assertThat(deliveries(retirements[0])).hasSize(1);
		assertThat((String) JsonPath.read(this.receiver.received("/retired").get(0).body(), "$.ci.id"))
			.isEqualTo(elsewhere);
	}

	@Test
	void aFailedAttemptIsRetriedUntilItSucceeds() throws Exception {
		String model = model();
		String[] webhook = subscribe("/flaky", ", \"models\": [\"%s\"]".formatted(model));
		this.receiver.answer(500);
		ci(model, "{\"code\": \"C1\"}");

		await().atMost(WAIT).until(() -> "DELIVERED".equals(deliveries(webhook[0]).get(0).get("status")));
		Map<String, Object> delivery = deliveries(webhook[0]).get(0);
		assertThat(delivery.get("attempts")).isEqualTo(2);
		assertThat(delivery.get("lastStatusCode")).isEqualTo(200);
		assertThat(delivery.get("lastError")).isNull();
		List<WebhookReceiver.Received> received = this.receiver.received("/flaky");
		assertThat(received).hasSize(2);
		assertThat(received.get(1).header("X-Tianshu-Delivery"))
			.isEqualTo(received.get(0).header("X-Tianshu-Delivery"));
		assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
	}

	@Test
	void aDeliveryIsGivenUpAfterMaxAttemptsAndCanBeRedelivered() throws Exception {
		String model = model();
		String[] webhook = subscribe("/down", ", \"models\": [\"%s\"]".formatted(model));
		this.receiver.answerAlways(503);
		ci(model, "{\"code\": \"D1\"}");

		await().atMost(WAIT).until(() -> "FAILED".equals(deliveries(webhook[0]).get(0).get("status")));
		Map<String, Object> failed = deliveries(webhook[0]).get(0);
		assertThat(failed.get("attempts")).isEqualTo(3);
		assertThat(failed.get("maxAttempts")).isEqualTo(3);
		assertThat(failed.get("lastStatusCode")).isEqualTo(503);
		assertThat(failed.get("lastError")).isEqualTo("HTTP 503");
		assertThat(failed.get("responseSnippet")).isEqualTo("receiver says 503");
		assertThat(failed.get("nextAttemptAt")).isNull();
		assertThat(this.receiver.received("/down")).hasSize(3);

		this.receiver.answerAlways(204);
		String again = JsonPath.read(body(
				send(post("/api/v1/cmdb/webhooks/" + webhook[0] + "/deliveries/" + failed.get("id") + "/redeliver"), "")
					.andExpect(status().isAccepted())
					.andExpect(jsonPath("$.redeliveryOf").value(failed.get("id")))
					.andExpect(jsonPath("$.status").value("PENDING"))),
				"$.id");
		await().atMost(WAIT)
			.until(() -> deliveries(webhook[0]).stream()
				.anyMatch((d) -> again.equals(d.get("id")) && "DELIVERED".equals(d.get("status"))));
		List<WebhookReceiver.Received> received = this.receiver.received("/down");
		assertThat(received).hasSize(4);
		assertThat(received.get(3).header("X-Tianshu-Delivery")).isEqualTo(again);
		assertThat((String) JsonPath.read(received.get(3).body(), "$.id"))
			.isEqualTo(JsonPath.read(received.get(0).body(), "$.id"));
		// the log keeps the failure; filtering by status finds it
		this.mvc.perform(get("/api/v1/cmdb/webhooks/" + webhook[0] + "/deliveries?status=FAILED").with(admin()))
			.andExpect(jsonPath("$.items.length()").value(1))
			.andExpect(jsonPath("$.items[0].id").value(failed.get("id")));
	}

	@Test
	void aPendingRowInTheTableIsSentOnceAndALockedOneIsSkipped() throws Exception {
		String[] webhook = subscribe("/left-behind", ", \"enabled\": false");
		UUID delivery = UUID.randomUUID();
		// as a node that stopped mid-send leaves it: one attempt counted, lease run out
		this.jdbc.sql("""
				INSERT INTO cmdb.webhook_delivery (id, webhook_id, event, event_id, payload, status, attempts,
				  max_attempts, next_attempt_at, created_at)
				VALUES (?, ?::uuid, 'ci.updated', ?, '{"event":"ci.updated"}', 'PENDING', 1, 3,
				  now() - interval '1 minute', now() - interval '2 minutes')""")
			.params(delivery, webhook[0], UUID.randomUUID())
			.update();
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> this.tx.executeWithoutResult((status) -> {
			this.jdbc.sql("SELECT id FROM cmdb.webhook_delivery WHERE id = ? FOR UPDATE")
				.param(delivery)
				.query()
				.listOfRows();
			locked.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
		send(put("/api/v1/cmdb/webhooks/" + webhook[0]), """
				{"name": "留下的投递", "url": "%s", "enabled": true}""".formatted(this.receiver.url("/left-behind")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(true));
		this.dispatcher.drain();
		assertThat(this.receiver.received("/left-behind")).isEmpty();
		assertThat(this.jdbc.sql("SELECT attempts FROM cmdb.webhook_delivery WHERE id = ?")
			.param(delivery)
			.query(Integer.class)
			.single()).isEqualTo(1);

		release.countDown();
		holder.get(10, TimeUnit.SECONDS);
		await().atMost(WAIT)
			.until(() -> "DELIVERED".equals(this.jdbc.sql("SELECT status FROM cmdb.webhook_delivery WHERE id = ?")
				.param(delivery)
				.query(String.class)
				.single()));
		assertThat(this.receiver.received("/left-behind")).hasSize(1);
		assertThat(this.receiver.received("/left-behind").get(0).header("X-Tianshu-Delivery"))
			.isEqualTo(delivery.toString());
		assertThat(this.jdbc.sql("SELECT attempts FROM cmdb.webhook_delivery WHERE id = ?")
			.param(delivery)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aDisabledSubscriptionQueuesNothingButCanBePinged() throws Exception {
		String model = model();
		String[] webhook = subscribe("/off", ", \"enabled\": false, \"models\": [\"%s\"]".formatted(model));
		ci(model, "{\"code\": \"E1\"}");
		fanoutSettled();
		assertThat(deliveries(webhook[0])).isEmpty();
		this.receiver.answer(500);
		send(post("/api/v1/cmdb/webhooks/" + webhook[0] + "/ping"), "").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("FAILED"))
			.andExpect(jsonPath("$.attempts").value(1))
			.andExpect(jsonPath("$.lastStatusCode").value(500));
		assertThat(this.receiver.received("/off")).hasSize(1);
	}

	@Test
	void badSubscriptionsAreRefusedWithFieldErrors() throws Exception {
		String model = model();
		for (String url : List.of("ftp://example.com/hook", "not a url", "http://user:pw@example.com/hook",
				"https:///nohost", "")) {
			send(post("/api/v1/cmdb/webhooks"), """
					{"name": "坏的", "url": "%s"}""".formatted(url)).andExpect(status().isUnprocessableContent())
				.andExpect(jsonPath("$.errors[*].field").value(hasItem("url")));
		}
		send(post("/api/v1/cmdb/webhooks"),
				"""
						{"name": "坏的", "url": "http://127.0.0.1:9/x", "models": ["%s", "no_such_model_%s"],
						 "attributes": ["no_such_attribute"], "events": ["ci.created", "ci.exploded"]}"""
					.formatted(model, suffix()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("validation"))
			.andExpect(
					jsonPath("$.errors[?(@.field == 'models[1]')].code").value(hasItem("cmdb.webhook.unknown-model")))
			.andExpect(jsonPath("$.errors[?(@.field == 'attributes[0]')].code")
				.value(hasItem("cmdb.webhook.unknown-attribute")))
			.andExpect(
					jsonPath("$.errors[?(@.field == 'events[1]')].code").value(hasItem("cmdb.webhook.unknown-event")));
		send(post("/api/v1/cmdb/webhooks"), """
				{"name": "", "url": "http://127.0.0.1:9/x"}""").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		this.mvc.perform(get("/api/v1/cmdb/webhooks/" + UUID.randomUUID()).with(admin()))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(get("/api/v1/cmdb/webhooks")
				.with(user("reader").authorities(new SimpleGrantedAuthority(CmdbPermissions.CI_READ))))
			.andExpect(status().isForbidden());
	}

}
