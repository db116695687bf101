package io.tianshu.cmdb.webhook;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.PermissionScope;
import io.tianshu.platform.SealedValues;
import io.tianshu.platform.TianshuException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook subscriptions (变更订阅) and their delivery log. Everything needs
 * {@link CmdbPermissions#WEBHOOK_MANAGE}; changes are audited (never with the secret).
 * Saving a subscription stores the saver's {@link CmdbPermissions#CI_READ} scope with it
 * (deliveries stay within it); a manager whose scope is limited sees and manages only the
 * subscriptions whose scope lies within theirs, others read as not found.
 */
@Service
public class Webhooks {

	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private static final int MAX_FILTER = 100;

	private static final String COLUMNS = """
			id, name, url, models, attributes, events, enabled, scope::text AS scope, created_by, created_at, updated_at""";

	private static final String DELIVERY_COLUMNS = """
			id, webhook_id, event, event_id, status, attempts, max_attempts, last_status_code, last_error,
			response_snippet, next_attempt_at, last_attempt_at, created_at, delivered_at, redelivery_of, payload""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final SealedValues sealing;

	private final Authorization authorization;

	private final Audit audit;

	private final WebhookDispatcher dispatcher;

	private final WebhookProperties properties;

	private final TransactionTemplate tx;

	private final Clock clock;

	Webhooks(JdbcClient jdbc, JsonMapper json, SealedValues sealing, Authorization authorization, Audit audit,
			WebhookDispatcher dispatcher, WebhookProperties properties, TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.sealing = sealing;
		this.authorization = authorization;
		this.audit = audit;
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.tx = tx;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Webhook> list() {
		this.authorization.require(CmdbPermissions.WEBHOOK_MANAGE);
		PermissionScope mine = readScope();
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM cmdb.webhook ORDER BY name, id")
			.query(this::row)
			.list()
			.stream()
			.filter((webhook) -> WebhookScopes.within(webhook.scope(), mine))
			.toList();
	}

	@Transactional(readOnly = true)
	public Webhook get(UUID id) {
		this.authorization.require(CmdbPermissions.WEBHOOK_MANAGE);
		return find(id, false);
	}

	/** Creates a subscription with a new secret, which this answer shows once. */
	@Transactional
	public WebhookWithSecret create(WebhookDraft draft) {
		this.authorization.require(CmdbPermissions.WEBHOOK_MANAGE);
		Checked checked = check(draft);
		UUID id = UUID.randomUUID();
		String secret = WebhookSigner.newSecret();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO cmdb.webhook (id, name, url, models, attributes, events, enabled, scope, secret,
				  created_by, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)""")
			.params(id, checked.name(), checked.url(), checked.models().toArray(String[]::new),
					checked.attributes().toArray(String[]::new), checked.events().toArray(String[]::new),
					checked.enabled(), WebhookScopes.toJson(readScope(), this.json),
					this.sealing.seal(WebhookSecretColumn.context(id), secret),
					this.authorization.currentActor().name(), Timestamp.from(now), Timestamp.from(now))
			.update();
		Webhook webhook = find(id, false);
		this.audit.record(AuditEntry.success("cmdb.webhook.created", "cmdb-webhook", id.toString())
			.withChange(null, webhook)
			.withDetail(webhook.name() + " → " + webhook.url()));
		return new WebhookWithSecret(webhook, secret);
	}

	/** Replaces name, URL, filters, events and the enabled flag; the secret stays. */
	@Transactional
	public Webhook update(UUID id, WebhookDraft draft) {
		this.authorization.require(CmdbPermissions.WEBHOOK_MANAGE);
		Webhook before = find(id, true);
		Checked checked = check(draft);
		this.jdbc.sql("""
				UPDATE cmdb.webhook SET name = ?, url = ?, models = ?, attributes = ?, events = ?, enabled = ?,
				  scope = CAST(? AS jsonb), updated_at = ? WHERE id = ?""")
			// the saver's scope replaces the old one: whoever points it somewhere new
			// answers for
			// what it delivers there, and can never widen it beyond what they may read
			.params(checked.name(), checked.url(), checked.models().toArray(String[]::new),
					checked.attributes().toArray(String[]::new), checked.events().toArray(String[]::new),
					checked.enabled(), WebhookScopes.toJson(readScope(), this.json),
					Timestamp.from(this.clock.instant()), id)
			.update();
		Webhook after = find(id, false);
		this.audit.record(
				AuditEntry.success("cmdb.webhook.updated", "cmdb-webhook", id.toString()).withChange(before, after));
		if (after.enabled() && !before.enabled()) {
			// deliveries kept while it was disabled are due now
			this.dispatcher.wake();
		}
		return after;
	}

	/** Deletes the subscription and its delivery log. */
	@Transactional
	public void delete(UUID id) {
		this.authorization.require(CmdbPermissions.WEBHOOK_MANAGE);
		Webhook before = find(id, true);
		this.jdbc.sql("DELETE FROM cmdb.webhook WHERE id = ?").param(id).update();
		this.audit
			.record(AuditEntry.success("cmdb.webhook.deleted", "cmdb-webhook", id.toString()).withChange(before, null));
	}

	/** A new secret replaces the old one at once; this answer shows it once. */
	@Transactional
	public WebhookWithSecret rotateSecret(UUID id) {
		this.authorization.require(CmdbPermissions.WEBHOOK_MANAGE);
		find(id, true);
		String secret = WebhookSigner.newSecret();
		this.jdbc.sql("UPDATE cmdb.webhook SET secret = ?, updated_at = ? WHERE id = ?")
			.params(this.sealing.seal(WebhookSecretColumn.context(id), secret), Timestamp.from(this.clock.instant()),
					id)
			.update();
		this.audit.record(AuditEntry.success("cmdb.webhook.secret-rotated", "cmdb-webhook", id.toString()));
		return new WebhookWithSecret(find(id, false), secret);
	}

	/**
	 * The delivery log, newest first.
	 * @param status PENDING, DELIVERED or FAILED, or {@code null} for all
	 */
	@Transactional(readOnly = true)
	public CursorPage<WebhookDelivery> deliveries(UUID id, String status, String cursor, int limit) {
		this.authorization.require(CmdbPermissions.WEBHOOK_MANAGE);
		find(id, false);
		List<FieldViolation> violations = new ArrayList<>();
		if (limit < 1 || limit > 200) {
			violations.add(new FieldViolation("limit", "cmdb.webhook.limit-invalid", "limit must be 1–200"));
		}
		if (status != null && !Set.of(WebhookDelivery.PENDING, WebhookDelivery.DELIVERED, WebhookDelivery.FAILED)
			.contains(status)) {
			violations.add(new FieldViolation("status", "cmdb.webhook.status-invalid",
					"status must be PENDING, DELIVERED or FAILED"));
		}
		Instant cursorTime = null;
		UUID cursorId = null;
		if (cursor != null) {
			try {
				String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
				int split = text.indexOf('/');
				cursorTime = Instant.parse(text.substring(0, split));
				cursorId = UUID.fromString(text.substring(split + 1));
			}
			catch (RuntimeException ex) {
				violations.add(new FieldViolation("cursor", "cmdb.webhook.cursor-invalid", "the cursor is not valid"));
			}
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The query is invalid", violations);
		}
		StringBuilder sql = new StringBuilder(
				"SELECT " + DELIVERY_COLUMNS + " FROM cmdb.webhook_delivery WHERE webhook_id = :id");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("id", id);
		if (status != null) {
			sql.append(" AND status = :status");
			params.put("status", status);
		}
		if (cursorTime != null) {
			sql.append(" AND (created_at, id) < (:ct, :cid)");
			params.put("ct", Timestamp.from(cursorTime));
			params.put("cid", cursorId);
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(limit + 1);
		List<WebhookDelivery> items = new ArrayList<>(
				this.jdbc.sql(sql.toString()).params(params).query(Webhooks::delivery).list());
		String next = null;
		if (items.size() > limit) {
			items = new ArrayList<>(items.subList(0, limit));
			WebhookDelivery last = items.get(limit - 1);
			next = Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((last.createdAt() + "/" + last.id()).getBytes(StandardCharsets.UTF_8));
		}
		return new CursorPage<>(items, next);
	}

	/**
	 * Queues the same body again as a new delivery (new delivery id, same event id), due
	 * now, with a fresh attempt budget.
	 */
	@Transactional
	public WebhookDelivery redeliver(UUID id, UUID deliveryId) {
		this.authorization.require(CmdbPermissions.WEBHOOK_MANAGE);
		find(id, false);
		WebhookDelivery original = findDelivery(id, deliveryId);
		UUID copy = UUID.randomUUID();
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				INSERT INTO cmdb.webhook_delivery (id, webhook_id, event, event_key, event_id, payload, status,
				  max_attempts, next_attempt_at, redelivery_of, created_at)
				SELECT ?, webhook_id, event, NULL, event_id, payload, 'PENDING', ?, ?, id, ?
				FROM cmdb.webhook_delivery WHERE id = ?""")
			.params(copy, this.properties.maxAttempts(), now, now, original.id())
			.update();
		this.audit.record(AuditEntry.success("cmdb.webhook.redelivered", "cmdb-webhook", id.toString())
			.withDetail("delivery " + original.id() + " (" + original.event() + ") queued again as " + copy));
		afterCommit(this.dispatcher::wake);
		return findDelivery(id, copy);
	}

	/**
	 * Sends a {@code ping} event now and waits for the answer (one attempt, no retries);
	 * works on a disabled subscription too, to check it before enabling it.
	 */
	public WebhookDelivery ping(UUID id) {
		this.authorization.require(CmdbPermissions.WEBHOOK_MANAGE);
		UUID delivery = UUID.randomUUID();
		this.tx.executeWithoutResult((status) -> {
			Webhook webhook = find(id, false);
			Map<String, Object> payload = new LinkedHashMap<>();
			UUID eventId = UUID.randomUUID();
			payload.put("id", eventId.toString());
			payload.put("event", WebhookEvents.PING);
			payload.put("occurredAt", this.clock.instant().toString());
			payload.put("actor", this.authorization.currentActor().name());
			payload.put("webhook", Map.of("id", webhook.id().toString(), "name", webhook.name()));
			this.jdbc.sql("""
					INSERT INTO cmdb.webhook_delivery (id, webhook_id, event, event_key, event_id, payload, status,
					  max_attempts, next_attempt_at, created_at)
					VALUES (?, ?, 'ping', NULL, ?, ?, 'PENDING', 1, NULL, ?)""")
				.params(delivery, id, eventId, this.json.writeValueAsString(payload),
						Timestamp.from(this.clock.instant()))
				.update();
			this.audit.record(AuditEntry.success("cmdb.webhook.pinged", "cmdb-webhook", id.toString()));
		});
		this.dispatcher.deliverNow(delivery);
		return this.tx.execute((status) -> findDelivery(id, delivery));
	}

	private record Checked(String name, String url, List<String> models, List<String> attributes, List<String> events,
			boolean enabled) {
	}

	private Checked check(WebhookDraft draft) {
		List<FieldViolation> violations = new ArrayList<>();
		String name = (draft.name() != null) ? draft.name().strip() : "";
		if (name.isEmpty() || name.length() > 100) {
			violations.add(new FieldViolation("name", "cmdb.webhook.name-invalid", "name must be 1–100 characters"));
		}
		var uri = TargetPolicy.parse(draft.url(), "url", violations);
		if (uri != null) {
			String refusal = TargetPolicy.refusal(uri, this.properties.allowPrivateTargets());
			if (refusal != null) {
				violations.add(new FieldViolation("url", "cmdb.webhook.url-not-allowed", refusal));
			}
		}
		List<String> models = codes(draft.models(), "models", violations);
		for (int i = 0; i < models.size(); i++) {
			String model = models.get(i);
			if (CODE.matcher(model).matches() && this.jdbc.sql("SELECT count(*) FROM cmdb.model WHERE code = ?")
				.param(model)
				.query(Integer.class)
				.single() == 0) {
				violations
					.add(new FieldViolation("models[" + i + "]", "cmdb.webhook.unknown-model", "no model " + model));
			}
		}
		List<String> attributes = codes(draft.attributes(), "attributes", violations);
		for (int i = 0; i < attributes.size(); i++) {
			String attribute = attributes.get(i);
			if (!CODE.matcher(attribute).matches()) {
				continue;
			}
			boolean known = this.jdbc.sql("""
					SELECT EXISTS (SELECT 1 FROM cmdb.model m, jsonb_array_elements(m.definition -> 'attributes') a
					  WHERE a ->> 'code' = :code AND (cardinality(CAST(:models AS text[])) = 0
					    OR m.code = ANY(CAST(:models AS text[]))))""")
				.param("code", attribute)
				.param("models", models.toArray(String[]::new))
				.query(Boolean.class)
				.single();
			if (!known) {
				violations.add(new FieldViolation("attributes[" + i + "]", "cmdb.webhook.unknown-attribute",
						models.isEmpty() ? "no model has an attribute " + attribute
								: "none of " + models + " has an attribute " + attribute));
			}
		}
		List<String> events = new ArrayList<>(new LinkedHashSet<>((draft.events() != null)
				? draft.events().stream().map((e) -> (e != null) ? e.strip() : "").toList() : List.of()));
		for (int i = 0; i < events.size(); i++) {
			if (!WebhookEvents.ALL.contains(events.get(i))) {
				violations.add(new FieldViolation("events[" + i + "]", "cmdb.webhook.unknown-event",
						"event must be one of " + WebhookEvents.ALL));
			}
		}
		if (events.isEmpty()) {
			events = WebhookEvents.ALL;
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The webhook subscription is invalid", violations);
		}
		return new Checked(name, uri.toString(), models, attributes, events, !Boolean.FALSE.equals(draft.enabled()));
	}

	private static List<String> codes(List<String> given, String field, List<FieldViolation> violations) {
		if (given == null) {
			return List.of();
		}
		if (given.size() > MAX_FILTER) {
			violations
				.add(new FieldViolation(field, "cmdb.webhook.filter-too-long", "at most " + MAX_FILTER + " codes"));
			return List.of();
		}
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < given.size(); i++) {
			String code = (given.get(i) != null) ? given.get(i).strip() : "";
			if (!CODE.matcher(code).matches()) {
				violations.add(new FieldViolation(field + "[" + i + "]", "cmdb.webhook.code-invalid",
						"'" + code + "' is not a code (lower case letters, digits and _)"));
			}
			if (!codes.contains(code)) {
				codes.add(code);
			}
		}
		return codes;
	}

	/**
	 * The subscription, when the caller may manage it: one delivering beyond the caller's
	 * read scope reads as not found, as an out-of-scope CI does.
	 */
	private Webhook find(UUID id, boolean lock) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM cmdb.webhook WHERE id = ?" + (lock ? " FOR UPDATE" : ""))
			.param(id)
			.query(this::row)
			.optional()
			.filter((webhook) -> WebhookScopes.within(webhook.scope(), readScope()))
			.orElseThrow(() -> TianshuException.notFound("cmdb.webhook.not-found", "No webhook subscription " + id));
	}

	private PermissionScope readScope() {
		return this.authorization.scopes(CmdbPermissions.CI_READ);
	}

	private WebhookDelivery findDelivery(UUID webhook, UUID id) {
		return this.jdbc
			.sql("SELECT " + DELIVERY_COLUMNS + " FROM cmdb.webhook_delivery WHERE id = ? AND webhook_id = ?")
			.params(id, webhook)
			.query(Webhooks::delivery)
			.optional()
			.orElseThrow(() -> TianshuException.notFound("cmdb.webhook.delivery-not-found",
					"Webhook subscription " + webhook + " has no delivery " + id));
	}

	private static void afterCommit(Runnable action) {
		if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			org.springframework.transaction.support.TransactionSynchronizationManager
				.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
					@Override
					public void afterCommit() {
						action.run();
					}
				});
		}
		else {
			action.run();
		}
	}

	private Webhook row(ResultSet rs, int n) throws SQLException {
		return new Webhook(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("url"),
				list(rs.getArray("models")), list(rs.getArray("attributes")), list(rs.getArray("events")),
				rs.getBoolean("enabled"), WebhookScopes.fromJson(rs.getString("scope"), this.json),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}

	private static List<String> list(java.sql.Array array) throws SQLException {
		return (array != null) ? List.of((String[]) array.getArray()) : List.of();
	}

	private static WebhookDelivery delivery(ResultSet rs, int n) throws SQLException {
		return new WebhookDelivery(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
				rs.getString("event"), rs.getObject("event_id", UUID.class), rs.getString("status"),
				rs.getInt("attempts"), rs.getInt("max_attempts"), (Integer) rs.getObject("last_status_code"),
				rs.getString("last_error"), rs.getString("response_snippet"), instant(rs, "next_attempt_at"),
				instant(rs, "last_attempt_at"), instant(rs, "created_at"), instant(rs, "delivered_at"),
				rs.getObject("redelivery_of", UUID.class), rs.getString("payload"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
