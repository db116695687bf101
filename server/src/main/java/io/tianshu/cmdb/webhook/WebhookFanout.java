package io.tianshu.cmdb.webhook;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tianshu.cmdb.CiChanged;
import io.tianshu.cmdb.RelationChanged;
import io.tianshu.cmdb.query.CiScopes;
import io.tianshu.cmdb.webhook.WebhookSubscriptions.Subscription;
import io.tianshu.platform.PermissionScope;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns CMDB change events into delivery rows, one per matching enabled subscription, in
 * the listener's own transaction. The events come through Spring Modulith's event
 * publication registry (outbox): a listener that did not complete is run again after a
 * restart, and the unique {@code (webhook_id, event_key)} makes that harmless. Bulk
 * imports publish one event per job instead; {@link ImportFanout} turns those into the
 * same deliveries.
 * <p>
 * A subscription with a limited scope (see {@link Webhook#scope}) gets a CI change only
 * when the CI is within the scope, and a relation change when its source or target is,
 * judged by {@link CiScopes} when the row is created (shortly after the change commits):
 * a host that just joined a business system through a new {@code runs_on} is in it from
 * then on; a CI that just left is not.
 */
@Component
class WebhookFanout {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final WebhookDispatcher dispatcher;

	private final WebhookProperties properties;

	private final Clock clock;

	private final CiScopes scopes;

	private final WebhookSubscriptions subscriptions;

	WebhookFanout(JdbcClient jdbc, JsonMapper json, WebhookDispatcher dispatcher, WebhookProperties properties,
			Clock clock, CiScopes scopes, WebhookSubscriptions subscriptions) {
		this.jdbc = jdbc;
		this.json = json;
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.clock = clock;
		this.scopes = scopes;
		this.subscriptions = subscriptions;
	}

	/**
	 * Which of the event's CIs each distinct subscription scope covers, asked once per
	 * scope and event.
	 */
	private final class Coverage {

		private final List<UUID> cis;

		private final Map<PermissionScope, Boolean> answers = new java.util.HashMap<>();

		Coverage(List<UUID> cis) {
			this.cis = cis;
		}

		boolean covers(PermissionScope scope) {
			if (scope.everywhere()) {
				return true;
			}
			return this.answers.computeIfAbsent(scope,
					(s) -> !WebhookFanout.this.scopes.covered(this.cis, s).isEmpty());
		}

	}

	@ApplicationModuleListener
	void on(CiChanged event) {
		String kind = WebhookEvents.of(event.kind());
		List<Subscription> subscriptions = this.subscriptions.enabled(List.of(kind));
		if (subscriptions.isEmpty()) {
			return;
		}
		UUID ci = event.ci().value();
		record Change(String diff, String actor, String requestId) {
		}
		Change change = this.jdbc
			.sql("SELECT diff::text, actor, request_id FROM cmdb.ci_history WHERE ci_id = ? AND version = ?")
			.params(ci, event.version())
			.query((rs, n) -> new Change(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional()
			.orElse(new Change("{}", null, null));
		JsonNode diff = this.json.readTree(change.diff());
		Set<String> changedAttributes = changedAttributes(diff);
		Map<String, Object> item = this.jdbc.sql("SELECT name, state, owner_team_id FROM cmdb.ci WHERE id = ?")
			.param(ci)
			.query((rs, n) -> ciItem(ci, event.model(), rs.getString(1), rs.getString(2), event.version(),
					rs.getString(3)))
			.optional()
			.orElseGet(() -> new LinkedHashMap<>(Map.of("id", ci.toString(), "model", event.model())));
		String key = ciKey(ci, event.version());
		String body = this.json.writeValueAsString(ciPayload(key, kind, event.changedAt(), event.source().name(),
				change.actor(), change.requestId(), item, diff));
		Coverage coverage = new Coverage(List.of(ci));
		int queued = 0;
		for (Subscription subscription : subscriptions) {
			if (!subscription.wantsModel(event.model())) {
				continue;
			}
			if (!subscription.attributes().isEmpty()
					&& Collections.disjoint(subscription.attributes(), changedAttributes)) {
				continue;
			}
			if (!coverage.covers(subscription.scope())) {
				continue;
			}
			queued += queue(subscription.id(), kind, key, body);
		}
		wakeAfterCommit(this.dispatcher, queued);
	}

	@ApplicationModuleListener
	void on(RelationChanged event) {
		String kind = WebhookEvents.of(event.kind());
		List<Subscription> subscriptions = this.subscriptions.enabled(List.of(kind));
		if (subscriptions.isEmpty()) {
			return;
		}
		Map<UUID, String> models = this.jdbc.sql("SELECT id, model_code FROM cmdb.ci WHERE id IN (:ids)")
			.param("ids", List.of(event.source().value(), event.target().value()))
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		String sourceModel = models.get(event.source().value());
		String targetModel = models.get(event.target().value());
		record Change(String actor, String requestId) {
		}
		Change change = this.jdbc.sql("""
				SELECT actor, request_id FROM cmdb.relation_history WHERE relation_id = ? AND change = ?
				ORDER BY id DESC LIMIT 1""")
			.params(event.relation().value(), event.kind().name())
			.query((rs, n) -> new Change(rs.getString(1), rs.getString(2)))
			.optional()
			.orElse(new Change(null, null));
		String key = relationKey(event.relation().value(), event.kind().name());
		String body = this.json.writeValueAsString(relationPayload(key, kind, event.changedAt(),
				event.changeSource().name(), change.actor(), change.requestId(), event.relation().value(), event.type(),
				event.source().value(), sourceModel, event.target().value(), targetModel));
		Coverage coverage = new Coverage(List.of(event.source().value(), event.target().value()));
		int queued = 0;
		for (Subscription subscription : subscriptions) {
			if (!subscription.wantsModel(sourceModel, targetModel)) {
				continue;
			}
			if (!coverage.covers(subscription.scope())) {
				continue;
			}
			queued += queue(subscription.id(), kind, key, body);
		}
		wakeAfterCommit(this.dispatcher, queued);
	}

	static UUID eventId(String key) {
		return UUID.nameUUIDFromBytes(("tianshu.cmdb:" + key).getBytes(StandardCharsets.UTF_8));
	}

	/** Which change of a CI a delivery is for: its version. */
	static String ciKey(UUID ci, int version) {
		return "ci:" + ci + ":" + version;
	}

	static String relationKey(UUID relation, String change) {
		return "relation:" + relation + ":" + change;
	}

	/** The attribute codes a CI history diff touches. */
	static Set<String> changedAttributes(JsonNode diff) {
		return diff.propertyNames()
			.stream()
			.filter((field) -> field.startsWith("attributes."))
			.map((field) -> field.substring("attributes.".length()))
			.collect(Collectors.toSet());
	}

	/** The {@code ci} object of a CI event's body. */
	static Map<String, Object> ciItem(UUID ci, String model, String name, String state, int version, String owner) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", ci.toString());
		m.put("model", model);
		m.put("name", name);
		m.put("state", state);
		m.put("version", version);
		m.put("ownerTeamId", owner);
		return m;
	}

	/** The body of a CI event (see docs/cmdb-webhooks.md). */
	static Map<String, Object> ciPayload(String key, String kind, Instant occurredAt, String source, String actor,
			String requestId, Map<String, Object> item, JsonNode diff) {
		Map<String, Object> payload = payload(key, kind, occurredAt, source, actor, requestId);
		payload.put("ci", item);
		payload.put("changes", diff);
		return payload;
	}

	/** The body of a relation event. */
	static Map<String, Object> relationPayload(String key, String kind, Instant occurredAt, String source, String actor,
			String requestId, UUID id, String type, UUID sourceId, String sourceModel, UUID targetId,
			String targetModel) {
		Map<String, Object> payload = payload(key, kind, occurredAt, source, actor, requestId);
		Map<String, Object> relation = new LinkedHashMap<>();
		relation.put("id", id.toString());
		relation.put("type", type);
		relation.put("sourceId", sourceId.toString());
		relation.put("sourceModel", sourceModel);
		relation.put("targetId", targetId.toString());
		relation.put("targetModel", targetModel);
		payload.put("relation", relation);
		return payload;
	}

	private static Map<String, Object> payload(String key, String kind, Instant occurredAt, String source, String actor,
			String requestId) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("id", eventId(key).toString());
		payload.put("event", kind);
		payload.put("occurredAt", occurredAt.toString());
		payload.put("source", source);
		payload.put("actor", actor);
		payload.put("requestId", requestId);
		return payload;
	}

	private int queue(UUID webhook, String kind, String key, String body) {
		return this.jdbc.sql("""
				INSERT INTO cmdb.webhook_delivery (id, webhook_id, event, event_key, event_id, payload, status,
				  max_attempts, next_attempt_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)
				ON CONFLICT (webhook_id, event_key) DO NOTHING""")
			.params(UUID.randomUUID(), webhook, kind, key, eventId(key), body, this.properties.maxAttempts(),
					Timestamp.from(this.clock.instant()), Timestamp.from(this.clock.instant()))
			.update();
	}

	/** Wakes the dispatcher once the listener's transaction has committed the rows. */
	static void wakeAfterCommit(WebhookDispatcher dispatcher, int queued) {
		if (queued == 0) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					dispatcher.wake();
				}
			});
		}
		else {
			dispatcher.wake();
		}
	}

}
