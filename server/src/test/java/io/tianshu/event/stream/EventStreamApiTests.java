package io.tianshu.event.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.tianshu.TianshuIntegrationTest;
import io.tianshu.event.AlertIntake;
import io.tianshu.event.EventPermissions;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntakeReceipt;
import io.tianshu.event.Severity;
import io.tianshu.event.SignalStatus;
import io.tianshu.platform.TianshuProperties;
import io.tianshu.platform.identity.IdentityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The live alert stream over a real HTTP connection to the running server: an ingested
 * alert arrives as {@code alert.opened}, an acknowledgement as {@code alert.updated}, a
 * resolution as {@code alert.resolved}; a reconnect with {@code Last-Event-ID} gets what
 * it missed; without the permission, or signed out, no stream.
 */
@TianshuIntegrationTest
class EventStreamApiTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	TianshuProperties properties;

	@Autowired
	AlertIntake intake;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<Stream<String>> open = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.open.forEach(Stream::close);
	}

	@Test
	void pushesOpenedUpdatedAndResolvedAlertsAndResumes() throws Exception {
		IdentityFixtures fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		IdentityFixtures.SignedIn viewer = fixtures.signedInUser("stream", "viewer");
		String token = token(viewer, EventPermissions.ALERT_READ);
		Events events = connect(token, null);
		await().atMost(Duration.ofSeconds(10)).until(() -> events.named("ready").size() == 1);
		assertThat(events.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

		UUID integration = integration();
		String fingerprint = "stream-" + UUID.randomUUID();
		IntakeReceipt receipt = this.intake
			.submit(List.of(IncomingSignal.builder(integration, fingerprint, SignalStatus.FIRING, Instant.now())
				.severity(Severity.MAJOR, "major")
				.summary("stream test " + fingerprint)
				.labels(Map.of("alertname", "StreamTest"))
				.build()))
			.get();
		long alertId = receipt.outcomes().get(0).alertId();
		await().atMost(Duration.ofSeconds(10)).until(() -> events.about(alertId, "alert.opened").size() == 1);
		Event opened = events.about(alertId, "alert.opened").get(0);
		assertThat(opened.data()).contains("\"fingerprint\":\"" + fingerprint + "\"").contains("\"state\":\"OPEN\"");
		assertThat(opened.id()).isNotBlank();

		this.mvc.perform(post("/api/v1/events/alerts/" + alertId + "/acknowledge").with(operator()).with(csrf()))
			.andExpect(status().isOk());
		await().atMost(Duration.ofSeconds(10)).until(() -> events.about(alertId, "alert.updated").size() == 1);
		assertThat(events.about(alertId, "alert.updated").get(0).data()).contains("\"state\":\"ACKNOWLEDGED\"");
		this.mvc.perform(post("/api/v1/events/alerts/" + alertId + "/resolve").with(operator()).with(csrf()))
			.andExpect(status().isOk());
		await().atMost(Duration.ofSeconds(10)).until(() -> events.about(alertId, "alert.resolved").size() == 1);

		// a reconnect after the opened event gets the update and the resolution again
		Events resumed = connect(token, opened.id());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> events.about(alertId, "alert.resolved").size() == 1
					&& resumed.about(alertId, "alert.resolved").size() == 1);
		assertThat(resumed.named("ready").get(0).data()).contains("\"resumed\":true");
		assertThat(resumed.about(alertId, "alert.updated")).hasSize(1);
		assertThat(resumed.about(alertId, "alert.opened")).isEmpty();

		// an id of another process (or made up) cannot be resumed: reload
		Events stranger = connect(token, "zz.12");
		await().atMost(Duration.ofSeconds(10)).until(() -> stranger.named("reset").size() == 1);
	}

	@Test
	void needsTheAlertReadPermission() throws Exception {
		IdentityFixtures fixtures = new IdentityFixtures(this.mvc, this.json, this.properties);
		IdentityFixtures.SignedIn viewer = fixtures.signedInUser("stream", "viewer");
		String other = token(viewer, "platform.user.read");
		HttpResponse<String> forbidden = this.http.send(request(other, null).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.body()).contains("auth.forbidden");
		HttpResponse<String> anonymous = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/events/stream")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor operator() {
		return user("stream-operator").authorities(new SimpleGrantedAuthority(EventPermissions.ALERT_READ),
				new SimpleGrantedAuthority(EventPermissions.ALERT_WRITE));
	}

	private String token(IdentityFixtures.SignedIn user, String permission) {
		return user.browser()
			.post("/api/v1/me/tokens",
					Map.of("name", "stream " + UUID.randomUUID(), "permissions", List.of(permission), "expiresAt",
							Instant.now().plus(Duration.ofDays(1)).toString()))
			.expect(201)
			.body()
			.get("token")
			.asString();
	}

	private UUID integration() {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO event.integration (id, name, kind, token_hash, token_hint, default_severity, created_at,
				  updated_at, token_rotated_at) VALUES (?, ?, 'prometheus', ?, 'x', 'WARNING', now(), now(), now())""")
			.params(id, "stream " + id, "test:" + id)
			.update();
		return id;
	}

	private HttpRequest.Builder request(String token, String lastEventId) {
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/events/stream"))
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + token);
		if (lastEventId != null) {
			builder.header("Last-Event-ID", lastEventId);
		}
		return builder;
	}

	/** Opens a stream and collects its events on a thread of its own. */
	private Events connect(String token, String lastEventId) throws Exception {
		HttpResponse<Stream<String>> response = this.http.send(request(token, lastEventId).build(),
				HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		this.open.add(response.body());
		Events events = new Events(response);
		CompletableFuture.runAsync(() -> events.read(response.body()));
		return events;
	}

	record Event(String id, String name, String data) {
	}

	static final class Events {

		final HttpResponse<?> response;

		final List<Event> received = new CopyOnWriteArrayList<>();

		Events(HttpResponse<?> response) {
			this.response = response;
		}

		void read(Stream<String> lines) {
			String[] current = new String[3];
			try {
				lines.forEach((line) -> {
					if (line.isEmpty()) {
						if (current[1] != null || current[2] != null) {
							this.received.add(new Event(current[0], current[1], current[2]));
						}
						current[0] = null;
						current[1] = null;
						current[2] = null;
					}
					else if (line.startsWith("id:")) {
						current[0] = line.substring(3).strip();
					}
					else if (line.startsWith("event:")) {
						current[1] = line.substring(6).strip();
					}
					else if (line.startsWith("data:")) {
						current[2] = line.substring(5).strip();
					}
				});
			}
			catch (RuntimeException ex) {
				// closed by the test
			}
		}

		List<Event> named(String name) {
			return this.received.stream().filter((e) -> name.equals(e.name())).toList();
		}

		List<Event> about(long alertId, String name) {
			return named(name).stream()
				.filter((e) -> e.data() != null && e.data().contains("\"id\":" + alertId + ","))
				.toList();
		}

	}

}
