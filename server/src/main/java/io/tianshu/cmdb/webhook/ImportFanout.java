package io.tianshu.cmdb.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tianshu.cmdb.ChangeSource;
import io.tianshu.cmdb.CiChanged;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CisImported;
import io.tianshu.cmdb.RelationChanged;
import io.tianshu.cmdb.RelationId;
import io.tianshu.cmdb.RelationsImported;
import io.tianshu.cmdb.query.CiScopes;
import io.tianshu.cmdb.webhook.WebhookSubscriptions.Subscription;
import io.tianshu.platform.PermissionScope;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Deliveries for bulk imports: a {@link CisImported} or {@link RelationsImported} (one
 * event per import job) becomes one delivery per changed CI or created relation and
 * matching subscription, with the same body, event id and delivery key as the
 * {@link CiChanged} / {@link RelationChanged} of a single write would have given
 * ({@code ci:<id>:<version>}, read from the import's history entries). Filters and scopes
 * are applied as in {@link WebhookFanout}.
 * <p>
 * The work is done in chunks: per chunk one query for the history entries, one coverage
 * query per distinct limited subscription scope, and one multi-row insert of the delivery
 * rows, so a 100,000-row import costs a few hundred statements, not 100,000.
 */
@Component
class ImportFanout {

	/** CIs or relations handled per round of statements. */
	static final int CHUNK = 1_000;

	private static final List<String> CI_KINDS = List.of(WebhookEvents.CI_CREATED, WebhookEvents.CI_UPDATED,
			WebhookEvents.CI_STATE_CHANGED);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final WebhookDispatcher dispatcher;

	private final WebhookProperties properties;

	private final Clock clock;

	private final CiScopes scopes;

	private final WebhookSubscriptions subscriptions;

	ImportFanout(JdbcClient jdbc, JsonMapper json, WebhookDispatcher dispatcher, WebhookProperties properties,
			Clock clock, CiScopes scopes, WebhookSubscriptions subscriptions) {
		this.jdbc = jdbc;
		this.json = json;
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.clock = clock;
		this.scopes = scopes;
		this.subscriptions = subscriptions;
	}

	/** A delivery row to insert. */
	private record Queued(UUID webhook, String kind, String key, String body) {
	}

	/** One imported CI change as its history entry has it. */
	private record CiChange(UUID ci, int version, String kind, String diff, String actor, String requestId, String name,
			String state, String owner) {
	}

	/** One imported relation. */
	private record RelationChange(UUID id, String type, UUID source, String sourceModel, UUID target,
			String targetModel, String actor, String requestId) {
	}

	@ApplicationModuleListener
	void on(CisImported event) {
		List<Subscription> subscriptions = this.subscriptions.enabled(CI_KINDS)
			.stream()
			.filter((s) -> s.wantsModel(event.model()))
			.toList();
		if (subscriptions.isEmpty()) {
			return;
		}
		List<UUID> ids = new ArrayList<>(event.created().size() + event.updated().size());
		event.created().stream().map(CiId::value).forEach(ids::add);
		event.updated().stream().map(CiId::value).forEach(ids::add);
		int queued = 0;
		for (int from = 0; from < ids.size(); from += CHUNK) {
			List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
			List<CiChange> changes = this.jdbc.sql("""
					SELECT h.ci_id, h.version, h.change, h.diff::text, h.actor, h.request_id, c.name, c.state,
					  c.owner_team_id
					FROM cmdb.ci_history h JOIN cmdb.ci c ON c.id = h.ci_id
					WHERE h.ci_id = ANY (?::uuid[]) AND h.source = ? AND h.changed_at = ?""")
				.params(chunk.toArray(UUID[]::new), ChangeSource.IMPORT.name(), Timestamp.from(event.changedAt()))
				.query((rs, n) -> new CiChange(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
						rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
						rs.getString(9)))
				.list();
			Covered covered = new Covered(chunk);
			List<Queued> rows = new ArrayList<>();
			for (CiChange change : changes) {
				String kind = WebhookEvents.of(CiChanged.Kind.valueOf(change.kind()));
				JsonNode diff = this.json.readTree(change.diff());
				Set<String> changedAttributes = WebhookFanout.changedAttributes(diff);
				String key = WebhookFanout.ciKey(change.ci(), change.version());
				String body = null;
				for (Subscription subscription : subscriptions) {
					if (!subscription.events().contains(kind)) {
						continue;
					}
					if (!subscription.attributes().isEmpty()
							&& Collections.disjoint(subscription.attributes(), changedAttributes)) {
						continue;
					}
					if (!covered.any(subscription.scope(), change.ci())) {
						continue;
					}
					if (body == null) {
						body = this.json
							.writeValueAsString(WebhookFanout
								.ciPayload(key, kind, event.changedAt(), ChangeSource.IMPORT.name(), change.actor(),
										change.requestId(), WebhookFanout.ciItem(change.ci(), event.model(),
												change.name(), change.state(), change.version(), change.owner()),
										diff));
					}
					rows.add(new Queued(subscription.id(), kind, key, body));
				}
			}
			queued += insert(rows);
		}
		WebhookFanout.wakeAfterCommit(this.dispatcher, queued);
	}

	@ApplicationModuleListener
	void on(RelationsImported event) {
		List<Subscription> subscriptions = this.subscriptions.enabled(List.of(WebhookEvents.RELATION_CREATED));
		if (subscriptions.isEmpty()) {
			return;
		}
		String kind = WebhookEvents.of(RelationChanged.Kind.CREATED);
		List<UUID> ids = event.created().stream().map(RelationId::value).toList();
		int queued = 0;
		for (int from = 0; from < ids.size(); from += CHUNK) {
			List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
			List<RelationChange> changes = this.jdbc
				.sql("""
						SELECT h.relation_id, h.type_code, h.source_id, s.model_code, h.target_id, t.model_code, h.actor,
						  h.request_id
						FROM cmdb.relation_history h JOIN cmdb.ci s ON s.id = h.source_id JOIN cmdb.ci t ON t.id = h.target_id
						WHERE h.relation_id = ANY (?::uuid[]) AND h.change = ?""")
				.params(chunk.toArray(UUID[]::new), RelationChanged.Kind.CREATED.name())
				.query((rs, n) -> new RelationChange(rs.getObject(1, UUID.class), rs.getString(2),
						rs.getObject(3, UUID.class), rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6),
						rs.getString(7), rs.getString(8)))
				.list();
			Set<UUID> ends = new HashSet<>();
			changes.forEach((c) -> {
				ends.add(c.source());
				ends.add(c.target());
			});
			Covered covered = new Covered(List.copyOf(ends));
			List<Queued> rows = new ArrayList<>();
			for (RelationChange change : changes) {
				String key = WebhookFanout.relationKey(change.id(), RelationChanged.Kind.CREATED.name());
				String body = null;
				for (Subscription subscription : subscriptions) {
					if (!subscription.wantsModel(change.sourceModel(), change.targetModel())) {
						continue;
					}
					if (!covered.any(subscription.scope(), change.source(), change.target())) {
						continue;
					}
					if (body == null) {
						body = this.json.writeValueAsString(
								WebhookFanout.relationPayload(key, kind, event.changedAt(), ChangeSource.IMPORT.name(),
										change.actor(), change.requestId(), change.id(), change.type(), change.source(),
										change.sourceModel(), change.target(), change.targetModel()));
					}
					rows.add(new Queued(subscription.id(), kind, key, body));
				}
			}
			queued += insert(rows);
		}
		WebhookFanout.wakeAfterCommit(this.dispatcher, queued);
	}

	/** Which CIs of a chunk each limited scope covers: one query per scope and chunk. */
	private final class Covered {

		private final List<UUID> cis;

		private final Map<PermissionScope, Set<UUID>> answers = new HashMap<>();

		Covered(List<UUID> cis) {
			this.cis = cis;
		}

		boolean any(PermissionScope scope, UUID... cis) {
			if (scope.everywhere()) {
				return true;
			}
			Set<UUID> covered = this.answers.computeIfAbsent(scope,
					(s) -> ImportFanout.this.scopes.covered(this.cis, s));
			for (UUID ci : cis) {
				if (covered.contains(ci)) {
					return true;
				}
			}
			return false;
		}

	}

	/** Inserts the rows in one statement; a row already there (a re-run) is kept. */
	private int insert(List<Queued> rows) {
		if (rows.isEmpty()) {
			return 0;
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		return this.jdbc.sql("""
				INSERT INTO cmdb.webhook_delivery (id, webhook_id, event, event_key, event_id, payload, status,
				  max_attempts, next_attempt_at, created_at)
				SELECT u.id, u.w, u.e, u.k, u.i, u.p, 'PENDING', ?, ?, ?
				FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::text[]) AS u(id, w, e, k, i, p)
				ON CONFLICT (webhook_id, event_key) DO NOTHING""")
			.params(this.properties.maxAttempts(), now, now,
					rows.stream().map((r) -> UUID.randomUUID()).toArray(UUID[]::new),
					rows.stream().map(Queued::webhook).toArray(UUID[]::new),
					rows.stream().map(Queued::kind).toArray(String[]::new),
					rows.stream().map(Queued::key).toArray(String[]::new),
					rows.stream().map((r) -> WebhookFanout.eventId(r.key())).toArray(UUID[]::new),
					rows.stream().map(Queued::body).toArray(String[]::new))
			.update();
	}

}
