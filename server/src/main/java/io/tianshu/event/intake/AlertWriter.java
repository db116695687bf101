package io.tianshu.event.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.tianshu.event.AlertOpened;
import io.tianshu.event.AlertResolved;
import io.tianshu.event.AlertState;
import io.tianshu.event.AlertSuppressor;
import io.tianshu.event.AlertsChanged;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntakeReceipt.Outcome;
import io.tianshu.event.IntakeReceipt.SignalOutcome;
import io.tianshu.event.IntegrationInfo;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.Integrations;
import io.tianshu.event.Severity;
import io.tianshu.event.SignalStatus;
import io.tianshu.platform.Sha256;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies one batch of signals inside the caller's transaction with a fixed number of
 * statements whatever the batch size: lock the batch's keys in {@code event.alert_key}
 * (created by one {@code INSERT … ON CONFLICT DO NOTHING}), lock their current alerts,
 * apply the signals in memory in arrival order, then write back with one multi-row upsert
 * per table ({@code unnest} of arrays). Keys are locked in (integration, fingerprint)
 * order and a manual change locks a single alert row, so writers on several nodes and the
 * lifecycle API cannot deadlock each other.
 *
 * <p>
 * Semantics (docs/event-center.md): the same content again is a duplicate (last-seen
 * refreshed, {@code duplicates}+1); changed content of an open alert is an occurrence
 * ({@code occurrences}+1); a firing signal for a resolved alert reopens it within
 * {@link EventProperties#reopenWindow()}, later (or after CLOSED) it opens a new alert
 * for the same key; more than {@link EventProperties#flapThreshold()} firing/resolved
 * changes of a key within {@link EventProperties#flapWindow()} mark it flapping.
 */
@Component
class AlertWriter {

	static final String ALERT_COLUMNS = "id, first_seen, integration_id, source, fingerprint, group_key, status, "
			+ "state, severity, source_severity, summary, resource, labels, annotations, links, details, "
			+ "generator_url, starts_at, ends_at, auto_resolve, last_seen, occurrences, duplicates, last_hash, "
			+ "state_changed_at, acknowledged_at, acknowledged_by, resolved_at, closed_at, assignee_user, "
			+ "assignee_team, ci_id, business_system_id, owner_team_id, flapping, version";

	private static final String ALERT_CASTS = "u.id::bigint, u.first_seen::timestamptz, u.integration_id::uuid, "
			+ "u.source, u.fingerprint, u.group_key, u.status, u.state, u.severity, u.source_severity, u.summary, "
			+ "u.resource, u.labels::jsonb, u.annotations::jsonb, u.links::jsonb, u.details::jsonb, u.generator_url, "
			+ "u.starts_at::timestamptz, u.ends_at::timestamptz, u.auto_resolve::boolean, u.last_seen::timestamptz, "
			+ "u.occurrences::int, u.duplicates::int, u.last_hash, u.state_changed_at::timestamptz, "
			+ "u.acknowledged_at::timestamptz, u.acknowledged_by, u.resolved_at::timestamptz, "
			+ "u.closed_at::timestamptz, u.assignee_user, u.assignee_team::uuid, u.ci_id::uuid, "
			+ "u.business_system_id::uuid, u.owner_team_id::uuid, u.flapping::boolean, u.version::int";

	private static final int WIDTH = ALERT_COLUMNS.split(",\\s*").length;

	/** Prefix of a microseconds-since-the-epoch expression that makes it a timestamp. */
	private static final String MICROS = "timestamptz 'epoch' + interval '1 microsecond' * ";

	/** New alerts. */
	private static final String INSERT_ALERTS;

	/** Changed alerts, each only if its version is still the one read. */
	private static final String UPDATE_ALERTS;

	static {
		String[] names = ALERT_COLUMNS.split(",\\s*");
		String[] casts = ALERT_CASTS.split(",\\s*");
		StringBuilder unnest = new StringBuilder();
		StringBuilder updates = new StringBuilder();
		for (int i = 0; i < names.length; i++) {
			unnest.append((i > 0) ? ", " : "").append("?::text[]");
			String n = names[i];
			if (!List.of("id", "first_seen", "integration_id", "source", "fingerprint").contains(n)) {
				updates.append((updates.length() > 0) ? ", " : "").append(n).append(" = ").append(casts[i]);
			}
		}
		INSERT_ALERTS = "INSERT INTO event.alert (" + ALERT_COLUMNS + ") SELECT " + ALERT_CASTS + " FROM unnest("
				+ unnest + ") AS u(" + ALERT_COLUMNS + ")";
		UPDATE_ALERTS = "UPDATE event.alert a SET " + updates + " FROM unnest(" + unnest + ", ?::text[]) AS u("
				+ ALERT_COLUMNS + ", expected) WHERE a.id = u.id::bigint AND a.first_seen = u.first_seen::timestamptz "
				+ "AND a.version = u.expected::int";
	}

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final EventProperties properties;

	private final Integrations integrations;

	private final CmdbEnrichment enrichment;

	private final ObjectProvider<AlertSuppressor> suppressors;

	private final ApplicationEventPublisher events;

	/**
	 * Alert ids fetched ahead from the sequence; the writer threads share it under the
	 * lock.
	 */
	private final Deque<Long> ids = new ArrayDeque<>();

	/**
	 * The committed state of recently written keys (key row and current alert), so a
	 * re-send need not read them again: the guards of the optimistic write catch any
	 * change made meanwhile by someone else (every other writer raises the alert's
	 * version or moves the key's pointer), and a batch that fails or is rolled back
	 * forgets its keys. Bounded by {@link #RECENT_LIMIT}; cleared when full.
	 */
	private final Map<Key, Snapshot> recent = new ConcurrentHashMap<>();

	static final int RECENT_LIMIT = 50_000;

	/** Integration kinds never change. */
	private final Map<UUID, String> kinds = new ConcurrentHashMap<>();

	AlertWriter(JdbcTemplate jdbc, JsonMapper json, Clock clock, EventProperties properties, Integrations integrations,
			CmdbEnrichment enrichment, ObjectProvider<AlertSuppressor> suppressors, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
		this.integrations = integrations;
		this.enrichment = enrichment;
		this.suppressors = suppressors;
		this.events = events;
	}

	/**
	 * Applies the signals in order; runs inside the caller's transaction.
	 * @param hashes the {@link #identityHash} of each signal
	 * @param optimistic read the keys and alerts without locking them; every write is
	 * guarded by what was read (alert version, key pointer) and a guard that fails throws
	 * {@link ConcurrentChangeException} (the caller rolls back and writes the batch again
	 * with {@code optimistic = false}). When false, the keys and alerts are locked first,
	 * so the guards hold.
	 * @param journal where re-sends of unchanged alerts are journaled instead of written
	 * to the alert and raw events (folded later by {@link #fold})
	 */
	List<SignalOutcome> write(List<IncomingSignal> signals, List<String> hashes, boolean optimistic,
			ResendJournal journal) {
		Instant now = this.clock.instant();
		Batch batch = new Batch(now);
		TreeMap<Key, KeyState> keys = new TreeMap<>();
		for (IncomingSignal s : signals) {
			keys.computeIfAbsent(new Key(s.integrationId(), s.fingerprint()), (k) -> new KeyState());
		}
		if (optimistic) {
			TreeMap<Key, KeyState> unknown = new TreeMap<>();
			keys.forEach((k, state) -> {
				Snapshot snapshot = this.recent.get(k);
				if (snapshot != null) {
					snapshot.restore(state);
				}
				else {
					unknown.put(k, state);
				}
			});
			if (!unknown.isEmpty()) {
				readKeysAndAlerts(unknown);
			}
		}
		else {
			lockKeys(keys);
			loadAlerts(keys);
		}
		overlay(keys, journal);
		List<SignalOutcome> outcomes = new ArrayList<>(signals.size());
		for (int i = 0; i < signals.size(); i++) {
			IncomingSignal s = signals.get(i);
			KeyState key = keys.get(new Key(s.integrationId(), s.fingerprint()));
			String hash = hashes.get(i);
			SignalOutcome outcome = apply(s, hash, key, batch);
			outcomes.add(outcome);
			if (outcome.outcome() == Outcome.DUPLICATE) {
				// its raw event row is made only if it is not journaled
				key.resends.add(new Resend(s, hash, outcome.alertId()));
			}
			else if (s.status() != SignalStatus.EXPIRED) {
				batch.raw.add(rawRow(s.receivedAt(), s.integrationId(), s.fingerprint(), s.status().name(),
						outcome.outcome(), outcome.alertId(), hash, 1));
			}
		}
		persist(keys, batch, journal);
		rememberAfterCommit(keys, batch, journal);
		batch.published.forEach(this.events::publishEvent);
		Set<Long> changed = new HashSet<>();
		for (SignalOutcome o : outcomes) {
			if (o.alertId() != null && (o.outcome() == Outcome.UPDATED || o.outcome() == Outcome.DUPLICATE
					|| o.outcome() == Outcome.ACKNOWLEDGED) && !batch.journaledIds.contains(o.alertId())) {
				changed.add(o.alertId());
			}
		}
		if (!changed.isEmpty()) {
			this.events.publishEvent(new AlertsChanged(changed));
		}
		return outcomes;
	}

	/**
	 * After the commit, the keys' state as written becomes {@link #recent}; after a
	 * rollback the keys are forgotten.
	 */
	private void rememberAfterCommit(TreeMap<Key, KeyState> keys, Batch batch, ResendJournal journal) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		Map<Key, Snapshot> written = new HashMap<>();
		keys.forEach((k, state) -> {
			Snapshot snapshot = Snapshot.of(state);
			if (snapshot != null) {
				written.put(k, snapshot);
			}
		});
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_COMMITTED) {
					journal.committed(batch.journalRow, batch.journaled, batch.consumed);
					if (AlertWriter.this.recent.size() + written.size() > RECENT_LIMIT) {
						AlertWriter.this.recent.clear();
					}
					AlertWriter.this.recent.putAll(written);
				}
				else {
					keys.keySet().forEach(AlertWriter.this.recent::remove);
				}
			}
		});
	}

	private SignalOutcome apply(IncomingSignal s, String hash, KeyState key, Batch batch) {
		AlertRow a = key.alert;
		Instant now = batch.now;
		switch (s.status()) {
			case FIRING -> {
				if (a != null && hash.equals(a.lastHash) && !AlertState.CLOSED.name().equals(a.state)
						&& sameInstance(a, s)) {
					duplicate(a, s, now);
					return outcome(s, a, Outcome.DUPLICATE);
				}
				if (a == null || AlertState.CLOSED.name().equals(a.state) || (AlertState.RESOLVED.name().equals(a.state)
						&& a.resolvedAt != null && a.resolvedAt.isBefore(now.minus(this.properties.reopenWindow())))) {
					if (a != null && SignalStatus.RESOLVED.name().equals(a.status)) {
						flapChange(key, now);
					}
					AlertRow created = create(s, hash, key, batch);
					key.alert = created;
					key.pointerChanged = true;
					return outcome(s, created, Outcome.CREATED);
				}
				if (AlertState.RESOLVED.name().equals(a.state)) {
					flapChange(key, now);
					content(a, s, hash, now);
					a.occurrences++;
					a.resolvedAt = null;
					a.flapping = key.flapping(this.properties, now);
					String suppressed = suppression(a);
					transition(a, (suppressed != null) ? AlertState.SUPPRESSED : AlertState.OPEN, "source",
							Map.of("reason", "reopened"), batch);
					if (suppressed != null) {
						activity(a, batch, "SUPPRESSED", "system", null, null, Map.of("reason", suppressed));
					}
					batch.published.add(opened(a, suppressed != null, true, now));
					return outcome(s, a, Outcome.REOPENED);
				}
				boolean wasResolvedAtSource = SignalStatus.RESOLVED.name().equals(a.status);
				if (wasResolvedAtSource) {
					flapChange(key, now);
					a.flapping = key.flapping(this.properties, now);
				}
				Instant earliest = (a.startsAt != null && a.startsAt.isBefore(s.startsAt()) && !wasResolvedAtSource)
						? a.startsAt : null;
				content(a, s, hash, now);
				if (earliest != null) {
					// as Alertmanager merges an active alert: the earliest start is kept
					a.startsAt = earliest;
				}
				a.occurrences++;
				return outcome(s, a, Outcome.UPDATED);
			}
			case RESOLVED -> {
				if (a == null || AlertState.CLOSED.name().equals(a.state)) {
					return outcome(s, a, Outcome.IGNORED);
				}
				if (hash.equals(a.lastHash)) {
					duplicate(a, s, now);
					return outcome(s, a, Outcome.DUPLICATE);
				}
				boolean changed = !SignalStatus.RESOLVED.name().equals(a.status);
				if (changed) {
					flapChange(key, now);
					a.flapping = key.flapping(this.properties, now);
				}
				a.status = SignalStatus.RESOLVED.name();
				a.endsAt = (s.endsAt() != null) ? s.endsAt() : now;
				a.autoResolve = false;
				a.lastSeen = now;
				a.lastHash = hash;
				a.dirty = true;
				if (AlertState.RESOLVED.name().equals(a.state)) {
					return outcome(s, a, Outcome.UPDATED);
				}
				resolve(a, "source", batch);
				return outcome(s, a, Outcome.RESOLVED);
			}
			case EXPIRED -> {
				if (a == null || !AlertState.valueOf(a.state).active() || !a.autoResolve || a.endsAt == null
						|| a.endsAt.isAfter(now)) {
					return outcome(s, a, Outcome.IGNORED);
				}
				flapChange(key, now);
				a.flapping = key.flapping(this.properties, now);
				a.status = SignalStatus.RESOLVED.name();
				a.autoResolve = false;
				a.dirty = true;
				resolve(a, "timeout", batch);
				return outcome(s, a, Outcome.RESOLVED);
			}
			case ACKNOWLEDGED -> {
				if (a == null || AlertState.CLOSED.name().equals(a.state)) {
					return outcome(s, a, Outcome.IGNORED);
				}
				a.lastSeen = now;
				if (!AlertState.OPEN.name().equals(a.state) && !AlertState.SUPPRESSED.name().equals(a.state)) {
					a.duplicates++;
					touch(a);
					return outcome(s, a, Outcome.DUPLICATE);
				}
				a.dirty = true;
				a.acknowledgedAt = now;
				a.acknowledgedBy = "source";
				a.lastHash = hash;
				transition(a, AlertState.ACKNOWLEDGED, "source", null, batch);
				return outcome(s, a, Outcome.ACKNOWLEDGED);
			}
			default -> throw new IllegalStateException(s.status().name());
		}
	}

	/**
	 * Whether a firing signal with the alert's content is the same alert instance: for an
	 * active alert any start not earlier than the alert's (Alertmanager keeps the
	 * earliest start of an active alert, and a sender that omits {@code startsAt} gets
	 * "now" each time), otherwise only the same start (a re-sent old signal).
	 */
	private static boolean sameInstance(AlertRow a, IncomingSignal s) {
		if (a.startsAt == null) {
			return true;
		}
		// the column keeps microseconds, rounded
		Instant stored = a.startsAt.minusNanos(1000);
		if (AlertState.valueOf(a.state).active()) {
			return !s.startsAt().isBefore(stored);
		}
		return !s.startsAt().isBefore(stored) && !s.startsAt().isAfter(a.startsAt.plusNanos(1000));
	}

	private static SignalOutcome outcome(IncomingSignal s, AlertRow a, Outcome outcome) {
		return new SignalOutcome(s.fingerprint(), (a != null) ? a.id : null, outcome);
	}

	private void duplicate(AlertRow a, IncomingSignal s, Instant now) {
		a.lastSeen = now;
		a.duplicates++;
		if (s.autoResolve() && s.status() == SignalStatus.FIRING && s.endsAt() != null) {
			// a re-send refreshes Alertmanager's resolve timeout
			a.endsAt = s.endsAt();
			a.autoResolve = true;
		}
		touch(a);
	}

	private static void touch(AlertRow a) {
		a.touched = true;
	}

	private AlertRow create(IncomingSignal s, String hash, KeyState key, Batch batch) {
		Instant now = batch.now;
		AlertRow a = new AlertRow();
		a.id = nextId();
		// what the column keeps, so the key (id, first seen) matches however it is passed
		a.firstSeen = now.truncatedTo(ChronoUnit.MICROS);
		a.integrationId = s.integrationId();
		a.source = this.kinds.computeIfAbsent(s.integrationId(),
				(id) -> this.integrations.find(id)
					.map(IntegrationInfo::kind)
					.map(IntegrationKind::code)
					.orElse("unknown"));
		a.fingerprint = s.fingerprint();
		a.occurrences = 1;
		a.duplicates = 0;
		a.version = 0;
		content(a, s, hash, now);
		CmdbEnrichment.Result enriched = this.enrichment.enrich(s.labels(), s.resource());
		a.ciId = enriched.ciId();
		a.businessSystemId = enriched.businessSystemId();
		a.ownerTeamId = enriched.ownerTeamId();
		a.flapping = key.flapping(this.properties, now);
		String suppressed = suppression(a);
		a.state = null;
		transition(a, (suppressed != null) ? AlertState.SUPPRESSED : AlertState.OPEN, "source", null, batch);
		if (enriched.ciId() != null) {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("ciId", enriched.ciId().toString());
			detail.put("rule", enriched.rule());
			if (enriched.businessSystemId() != null) {
				detail.put("businessSystemId", enriched.businessSystemId().toString());
			}
			activity(a, batch, "ENRICHED", "system", null, null, detail);
		}
		if (suppressed != null) {
			activity(a, batch, "SUPPRESSED", "system", null, null, Map.of("reason", suppressed));
		}
		if (a.flapping) {
			activity(a, batch, "FLAPPING", "system", null, null, Map.of("flapping", true));
		}
		batch.published.add(opened(a, suppressed != null, false, now));
		return a;
	}

	private void content(AlertRow a, IncomingSignal s, String hash, Instant now) {
		a.groupKey = (s.groupKey() != null) ? s.groupKey() : a.groupKey;
		a.status = SignalStatus.FIRING.name();
		a.severity = s.severity().name();
		a.sourceSeverity = s.sourceSeverity();
		a.summary = s.summary();
		a.resource = s.resource();
		a.labels = this.json.writeValueAsString(s.labels());
		a.annotations = this.json.writeValueAsString(s.annotations());
		a.links = this.json.writeValueAsString(s.links());
		a.details = (s.details() != null) ? this.json.writeValueAsString(s.details()) : null;
		a.generatorUrl = s.generatorUrl();
		a.startsAt = s.startsAt();
		a.endsAt = s.endsAt();
		a.autoResolve = s.autoResolve();
		a.lastSeen = now;
		a.lastHash = hash;
		a.dirty = true;
	}

	private String suppression(AlertRow a) {
		Map<String, String> labels = this.json.readValue(a.labels,
				new tools.jackson.core.type.TypeReference<Map<String, String>>() {
				});
		AlertSuppressor.Candidate candidate = new AlertSuppressor.Candidate(a.integrationId, a.fingerprint,
				Severity.valueOf(a.severity), labels, a.ciId, a.businessSystemId);
		for (AlertSuppressor suppressor : this.suppressors.orderedStream().toList()) {
			Optional<String> reason = suppressor.suppressionFor(candidate);
			if (reason.isPresent()) {
				return reason.get();
			}
		}
		return null;
	}

	private void resolve(AlertRow a, String by, Batch batch) {
		a.resolvedAt = batch.now;
		transition(a, AlertState.RESOLVED, by, null, batch);
		batch.published.add(new AlertResolved(a.id, a.integrationId, a.fingerprint, Severity.valueOf(a.severity),
				a.ciId, a.businessSystemId, by, batch.now));
	}

	private void transition(AlertRow a, AlertState to, String actor, Map<String, Object> detail, Batch batch) {
		AlertState from = (a.state != null) ? AlertState.valueOf(a.state) : null;
		a.state = to.name();
		a.stateChangedAt = batch.now;
		a.version++;
		a.dirty = true;
		activity(a, batch, "STATE_CHANGED", actor, from, to, detail);
	}

	private void activity(AlertRow a, Batch batch, String kind, String actor, AlertState from, AlertState to,
			Map<String, Object> detail) {
		batch.activities.add(new String[] { Long.toString(a.id), a.firstSeen.toString(), batch.now.toString(), kind,
				actor, (from != null) ? from.name() : null, (to != null) ? to.name() : null,
				(detail != null) ? this.json.writeValueAsString(detail) : null });
	}

	private AlertOpened opened(AlertRow a, boolean suppressed, boolean reopened, Instant now) {
		Map<String, String> labels = this.json.readValue(a.labels,
				new tools.jackson.core.type.TypeReference<Map<String, String>>() {
				});
		return new AlertOpened(a.id, a.integrationId, a.fingerprint, Severity.valueOf(a.severity), a.summary, labels,
				a.ciId, a.businessSystemId, suppressed, reopened, now);
	}

	private void flapChange(KeyState key, Instant now) {
		key.flapChanges.add(now.getEpochSecond());
		key.flapChanged = true;
	}

	private synchronized long nextId() {
		if (this.ids.isEmpty()) {
			this.ids.addAll(this.jdbc.queryForList("SELECT nextval('event.alert_id_seq') FROM generate_series(1, 100)",
					Long.class));
		}
		return this.ids.removeFirst();
	}

	/**
	 * SHA-256 of what identifies this content of the alert: status, severity, texts,
	 * labels, annotations, links, details and (unless it is a refreshable resolve
	 * timeout) end. The start is compared on its own ({@link #sameInstance}). Equal
	 * hashes are duplicates (re-sends, retries).
	 */
	static String identityHash(IncomingSignal s) {
		// the UTF-8 bytes of the text status \0 source severity \0 summary \0 resource
		// [\0 endsAt] (\1 label=value)* \2 (\1 annotation=value)* \2 links \2 details
		// \2 group key, built in one buffer (a StringBuilder, its String and the
		// String's bytes cost more than the digest)
		Utf8 b = new Utf8();
		b.add(String.valueOf(s.status())).add('\u0000').add(String.valueOf(s.sourceSeverity())).add('\u0000');
		b.add(String.valueOf(s.summary())).add('\u0000').add(String.valueOf(s.resource()));
		if (!(s.status() == SignalStatus.FIRING && s.autoResolve())) {
			b.add('\u0000').add(String.valueOf(s.endsAt()));
		}
		s.labels().forEach((k, v) -> b.add('\u0001').add(k).add('=').add(String.valueOf(v)));
		b.add('\u0002');
		s.annotations().forEach((k, v) -> b.add('\u0001').add(k).add('=').add(String.valueOf(v)));
		b.add('\u0002').add(String.valueOf(s.links())).add('\u0002').add(String.valueOf(s.details()));
		b.add('\u0002').add(String.valueOf(s.groupKey()));
		MessageDigest digest = Sha256.digest();
		digest.update(b.bytes, 0, b.length);
		return HexFormat.of().formatHex(digest.digest(), 0, 16);
	}

	/**
	 * A text's UTF-8 bytes built in parts. Every part is a whole string and the parts are
	 * joined by ASCII characters, so the bytes are those of
	 * {@code String.getBytes(UTF_8)} of the whole text.
	 */
	private static final class Utf8 {

		private byte[] bytes = new byte[512];

		private int length;

		Utf8 add(char ascii) {
			room(1);
			this.bytes[this.length++] = (byte) ascii;
			return this;
		}

		Utf8 add(String part) {
			int n = part.length();
			room(n);
			for (int i = 0; i < n; i++) {
				char c = part.charAt(i);
				if (c >= 0x80) {
					byte[] rest = part.substring(i).getBytes(StandardCharsets.UTF_8);
					room(rest.length);
					System.arraycopy(rest, 0, this.bytes, this.length, rest.length);
					this.length += rest.length;
					return this;
				}
				this.bytes[this.length++] = (byte) c;
			}
			return this;
		}

		private void room(int more) {
			if (this.length + more > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
			}
		}

	}

	/**
	 * The optimistic read: the batch's keys and their current alerts in one statement,
	 * without locks. Keys not found are new.
	 */
	private void readKeysAndAlerts(TreeMap<Key, KeyState> keys) {
		String[][] columns = keyColumns(keys);
		String[] integrations = columns[0];
		String[] fingerprints = columns[1];
		this.jdbc.query((Connection c) -> {
			PreparedStatement ps = c.prepareStatement("SELECT k.integration_id AS key_integration, "
					+ "k.fingerprint AS key_fingerprint, k.alert_id AS key_alert, k.first_seen AS key_first_seen, "
					+ "k.flap_changes AS key_flap_changes, a.* FROM unnest(?::text[], ?::text[]) AS u(i, f) "
					+ "JOIN event.alert_key k ON k.integration_id = u.i::uuid AND k.fingerprint = u.f "
					+ "LEFT JOIN event.alert a ON a.id = k.alert_id AND a.first_seen = k.first_seen");
			ps.setArray(1, c.createArrayOf("text", integrations));
			ps.setArray(2, c.createArrayOf("text", fingerprints));
			return ps;
		}, (rs) -> {
			KeyState state = keys
				.get(new Key(rs.getObject("key_integration", UUID.class), rs.getString("key_fingerprint")));
			readKey(state, rs.getLong("key_alert"), rs.wasNull(), rs.getTimestamp("key_first_seen"),
					rs.getArray("key_flap_changes"));
			if (rs.getObject("id") != null) {
				state.alert = AlertRow.read(rs);
			}
		});
	}

	private static void readKey(KeyState state, long alertId, boolean noAlert, java.sql.Timestamp firstSeen,
			Array changes) throws java.sql.SQLException {
		state.exists = true;
		state.alertId = noAlert ? null : alertId;
		state.firstSeen = (firstSeen != null) ? firstSeen.toInstant() : null;
		for (Object o : (Object[]) changes.getArray()) {
			state.flapChanges.add(((Number) o).longValue());
		}
		state.loadedFlapChanges = arrayText(state.flapChanges);
	}

	/** The keys' integration ids and fingerprints, in key order. */
	private static String[][] keyColumns(TreeMap<Key, KeyState> keys) {
		String[][] columns = new String[2][keys.size()];
		int i = 0;
		for (Key k : keys.keySet()) {
			columns[0][i] = k.integrationId().toString();
			columns[1][i++] = k.fingerprint();
		}
		return columns;
	}

	private static String arrayText(List<Long> values) {
		StringBuilder b = new StringBuilder("{");
		values.forEach((t) -> b.append((b.length() > 1) ? "," : "").append(t));
		return b.append('}').toString();
	}

	private void lockKeys(TreeMap<Key, KeyState> keys) {
		String[][] columns = keyColumns(keys);
		String[] integrations = columns[0];
		String[] fingerprints = columns[1];
		execute("INSERT INTO event.alert_key (integration_id, fingerprint) SELECT u.i::uuid, u.f "
				+ "FROM unnest(?::text[], ?::text[]) AS u(i, f) ON CONFLICT DO NOTHING", integrations, fingerprints);
		this.jdbc.query((Connection c) -> {
			PreparedStatement ps = c.prepareStatement(
					"SELECT k.integration_id, k.fingerprint, k.alert_id, k.first_seen, k.flap_changes FROM event.alert_key k "
							+ "JOIN unnest(?::text[], ?::text[]) AS u(i, f) ON k.integration_id = u.i::uuid AND k.fingerprint = u.f "
							+ "ORDER BY k.integration_id, k.fingerprint FOR UPDATE OF k");
			ps.setArray(1, c.createArrayOf("text", integrations));
			ps.setArray(2, c.createArrayOf("text", fingerprints));
			return ps;
		}, (rs) -> {
			KeyState state = keys.get(new Key(rs.getObject(1, UUID.class), rs.getString(2)));
			readKey(state, rs.getLong(3), rs.wasNull(), rs.getTimestamp(4), rs.getArray(5));
		});
	}

	private void loadAlerts(TreeMap<Key, KeyState> keys) {
		List<String> ids = new ArrayList<>();
		List<String> firstSeen = new ArrayList<>();
		Map<Long, KeyState> byAlert = new LinkedHashMap<>();
		keys.values().forEach((k) -> {
			if (k.alertId != null && k.firstSeen != null) {
				ids.add(k.alertId.toString());
				firstSeen.add(k.firstSeen.toString());
				byAlert.put(k.alertId, k);
			}
		});
		if (ids.isEmpty()) {
			return;
		}
		this.jdbc.query((Connection c) -> {
			PreparedStatement ps = c.prepareStatement("SELECT a.* FROM event.alert a "
					+ "JOIN unnest(?::text[], ?::text[]) AS u(id, fs) ON a.id = u.id::bigint AND a.first_seen = u.fs::timestamptz "
					+ "ORDER BY a.id FOR UPDATE OF a");
			ps.setArray(1, c.createArrayOf("text", ids.toArray()));
			ps.setArray(2, c.createArrayOf("text", firstSeen.toArray()));
			return ps;
		}, (rs) -> {
			AlertRow row = AlertRow.read(rs);
			byAlert.get(row.id).alert = row;
		});
	}

	private void persist(TreeMap<Key, KeyState> keys, Batch batch, ResendJournal journal) {
		List<String[]> created = new ArrayList<>();
		List<String[]> changed = new ArrayList<>();
		List<String[]> pointers = new ArrayList<>();
		List<String[]> newKeys = new ArrayList<>();
		Instant horizon = batch.now.minus(this.properties.flapWindow());
		keys.forEach((k, state) -> {
			AlertRow a = state.alert;
			if (a != null && a.dirty) {
				if (a.loadedVersion < 0) {
					created.add(a.columns());
				}
				else {
					changed.add(a.updateColumns());
				}
			}
			else if (a != null && a.touched) {
				// a re-send of an unchanged alert: journaled, folded later
				batch.journaled.add(new ResendJournal.Pending(k, a.id, a.firstSeen, a.lastSeen, a.duplicates, a.endsAt,
						a.autoResolve, a.version, state.resends.size(), state.lastResent().signal().status().name(),
						state.lastResent().hash(), state.lastResent().signal().receivedAt(),
						state.lastResent().signal()));
				batch.journaledIds.add(a.id);
			}
			if (a == null || !batch.journaledIds.contains(a.id)) {
				for (Resend r : state.resends) {
					batch.raw.add(rawRow(r.signal().receivedAt(), k.integrationId(), k.fingerprint(),
							r.signal().status().name(), Outcome.DUPLICATE, r.alertId(), r.hash(), 1));
				}
			}
			ResendJournal.Pending pending = journal.get(k);
			if (pending != null && a != null && a.dirty) {
				// the alert is written whole, with what its re-sends changed; they remain
				// to
				// be counted
				batch.raw.add(rawRow(pending.receivedAt, k.integrationId(), k.fingerprint(), pending.status,
						Outcome.DUPLICATE, pending.alertId, pending.hash, pending.signals));
				batch.consumed.add(k);
			}
			if (state.pointerChanged || state.flapChanged) {
				state.flapChanges.removeIf((t) -> t < horizon.getEpochSecond());
				String id = (a != null) ? Long.toString(a.id) : null;
				String firstSeen = (a != null) ? a.firstSeen.toString() : null;
				if (state.exists) {
					pointers.add(new String[] { k.integrationId().toString(), k.fingerprint(), id, firstSeen,
							arrayText(state.flapChanges), AlertRow.text(state.alertId),
							(state.firstSeen != null) ? state.firstSeen.toString() : null, state.loadedFlapChanges });
				}
				else {
					newKeys.add(new String[] { k.integrationId().toString(), k.fingerprint(), id, firstSeen,
							arrayText(state.flapChanges) });
				}
			}
		});
		if (!created.isEmpty()) {
			expect(execute(INSERT_ALERTS, columns(created, WIDTH)), created.size(), "alert insert");
		}
		if (!changed.isEmpty()) {
			expect(execute(UPDATE_ALERTS, columns(changed, WIDTH + 1)), changed.size(), "alert update");
		}
		if (!pointers.isEmpty()) {
			expect(execute("UPDATE event.alert_key k SET alert_id = u.a::bigint, first_seen = u.f::timestamptz, "
					+ "flap_changes = u.c::bigint[] FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
					+ "?::text[], ?::text[], ?::text[]) AS u(i, fp, a, f, c, oa, ofs, oc) "
					+ "WHERE k.integration_id = u.i::uuid AND k.fingerprint = u.fp "
					+ "AND k.alert_id IS NOT DISTINCT FROM u.oa::bigint "
					+ "AND k.first_seen IS NOT DISTINCT FROM u.ofs::timestamptz AND k.flap_changes = u.oc::bigint[]",
					columns(pointers, 8)), pointers.size(), "key update");
		}
		if (!newKeys.isEmpty()) {
			expect(execute("INSERT INTO event.alert_key (integration_id, fingerprint, alert_id, first_seen, "
					+ "flap_changes) SELECT u.i::uuid, u.fp, u.a::bigint, u.f::timestamptz, u.c::bigint[] "
					+ "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(i, fp, a, f, c) "
					+ "ON CONFLICT DO NOTHING", columns(newKeys, 5)), newKeys.size(), "key insert");
		}
		if (!batch.journaled.isEmpty()) {
			byte[] entries = ResendJournal.encode(batch.journaled.stream().map(ResendJournal.Entry::of).toList());
			batch.journalRow = this.jdbc.queryForObject(
					"INSERT INTO event.resend_journal (entries) VALUES (?) RETURNING id", Long.class, (Object) entries);
		}
		if (!batch.activities.isEmpty()) {
			execute("INSERT INTO event.alert_activity (id, alert_id, alert_first_seen, at, kind, actor, from_state, "
					+ "to_state, detail) SELECT nextval('event.alert_activity_id_seq'), u.a::bigint, u.f::timestamptz, "
					+ "u.at::timestamptz, u.k, u.actor, u.fs, u.ts, u.d::jsonb FROM unnest(?::text[], ?::text[], "
					+ "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(a, f, at, k, actor, fs, ts, d)",
					columns(batch.activities, 8));
		}
		insertRaw(batch.raw);
	}

	private void insertRaw(List<String[]> raw) {
		if (!raw.isEmpty()) {
			execute("INSERT INTO event.raw_event (id, received_at, integration_id, fingerprint, status, outcome, "
					+ "alert_id, payload_hash, signals) SELECT nextval('event.raw_event_id_seq'), u.r::timestamptz, "
					+ "u.i::uuid, u.fp, u.s, u.o, u.a::bigint, u.h, u.n::int FROM unnest(?::text[], ?::text[], "
					+ "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(r, i, fp, s, o, a, h, n)",
					columns(raw, 8));
		}
	}

	private static String[] rawRow(Instant receivedAt, UUID integrationId, String fingerprint, String status,
			Outcome outcome, Long alertId, String hash, int signals) {
		return new String[] { receivedAt.toString(), integrationId.toString(), fingerprint, status, outcome.name(),
				AlertRow.text(alertId), hash, Integer.toString(signals) };
	}

	/**
	 * Keys read from the database while re-sends of their alert are journaled but not
	 * folded: the alert as the writer left it.
	 */
	private static void overlay(TreeMap<Key, KeyState> keys, ResendJournal journal) {
		if (journal.size() == 0) {
			return;
		}
		keys.forEach((k, state) -> {
			ResendJournal.Pending p = journal.get(k);
			AlertRow a = state.alert;
			if (p != null && a != null && a.id == p.alertId && a.version == p.version
					&& (a.lastSeen == null || p.lastSeen.isAfter(a.lastSeen))) {
				a.lastSeen = p.lastSeen;
				a.duplicates = Math.max(a.duplicates, p.duplicates);
				a.endsAt = p.endsAt;
				a.autoResolve = p.autoResolve;
			}
		});
	}

	/**
	 * Folds the journal's re-sends into the alerts, inside the caller's transaction: one
	 * update per alert, guarded by the version the re-sends saw (raised), one raw event
	 * row standing for all of an alert's re-sends, and the journal rows deleted.
	 * @return the re-sends whose alert changed meanwhile (a lifecycle action, retention):
	 * not written to the alert; the caller applies each one's last signal again
	 */
	List<ResendJournal.Pending> fold(List<ResendJournal.Pending> pending, List<Long> rows) {
		Set<Long> folded = new HashSet<>();
		if (!pending.isEmpty()) {
			int n = pending.size();
			Long[] ids = new Long[n];
			Long[] firstSeen = new Long[n];
			Long[] lastSeen = new Long[n];
			Integer[] duplicates = new Integer[n];
			Long[] endsAt = new Long[n];
			Boolean[] autoResolve = new Boolean[n];
			Integer[] expected = new Integer[n];
			for (int i = 0; i < n; i++) {
				ResendJournal.Pending p = pending.get(i);
				ids[i] = p.alertId;
				firstSeen[i] = ResendJournal.micros(p.firstSeen);
				lastSeen[i] = ResendJournal.micros(p.lastSeen);
				duplicates[i] = p.duplicates;
				endsAt[i] = (p.endsAt != null) ? ResendJournal.micros(p.endsAt) : null;
				autoResolve[i] = p.autoResolve;
				expected[i] = p.version;
			}
			// typed arrays and times as microseconds: no text to format and parse per
			// alert
			this.jdbc.query((Connection c) -> {
				PreparedStatement ps = c.prepareStatement("UPDATE event.alert a SET last_seen = " + MICROS + "u.ls, "
						+ "duplicates = u.d, ends_at = " + MICROS + "u.e, auto_resolve = u.ar, version = a.version + 1 "
						+ "FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::int[], ?::bigint[], ?::boolean[], "
						+ "?::int[]) AS u(id, fs, ls, d, e, ar, expected) WHERE a.id = u.id AND a.first_seen = "
						+ MICROS + "u.fs AND a.version = u.expected RETURNING a.id");
				ps.setArray(1, c.createArrayOf("int8", ids));
				ps.setArray(2, c.createArrayOf("int8", firstSeen));
				ps.setArray(3, c.createArrayOf("int8", lastSeen));
				ps.setArray(4, c.createArrayOf("int4", duplicates));
				ps.setArray(5, c.createArrayOf("int8", endsAt));
				ps.setArray(6, c.createArrayOf("bool", autoResolve));
				ps.setArray(7, c.createArrayOf("int4", expected));
				return ps;
			}, (rs) -> {
				folded.add(rs.getLong(1));
			});
		}
		List<String[]> raw = new ArrayList<>(pending.size());
		List<ResendJournal.Pending> changed = new ArrayList<>();
		for (ResendJournal.Pending p : pending) {
			boolean written = folded.contains(p.alertId);
			// a re-send applied again is counted when it is
			int signals = written ? p.signals : p.signals - 1;
			if (signals > 0) {
				raw.add(rawRow(p.receivedAt, p.key.integrationId(), p.key.fingerprint(), p.status, Outcome.DUPLICATE,
						p.alertId, p.hash, signals));
			}
			if (!written) {
				changed.add(p);
			}
		}
		insertRaw(raw);
		if (!rows.isEmpty()) {
			deleteJournalRows(rows);
		}
		if (!folded.isEmpty()) {
			this.events.publishEvent(new AlertsChanged(folded));
		}
		return changed;
	}

	/**
	 * After a fold's commit: the remembered alerts carry the version the fold gave them;
	 * alerts changed meanwhile are forgotten (read again with locks).
	 */
	void folded(List<ResendJournal.Pending> pending, List<ResendJournal.Pending> changed) {
		Set<ResendJournal.Pending> failed = new HashSet<>(changed);
		for (ResendJournal.Pending p : pending) {
			if (failed.contains(p)) {
				this.recent.remove(p.key);
			}
			else {
				this.recent.computeIfPresent(p.key, (k, snapshot) -> snapshot.folded(p));
			}
		}
	}

	/**
	 * Folds what the journal holds after a crash (the rows of re-sends acknowledged but
	 * not folded), inside the caller's transaction; runs before the writers start.
	 * Entries carry the alert's values after the re-sends, and an alert whose last seen
	 * is already at an entry's (folded before the crash, or written whole later) is left
	 * as it is, so nothing is applied or counted twice.
	 * @return the journal entries counted
	 */
	int recover() {
		Map<Long, ResendJournal.Entry> byAlert = new LinkedHashMap<>();
		List<ResendJournal.Entry> all = new ArrayList<>();
		List<Long> rows = new ArrayList<>();
		this.jdbc.query("SELECT id, entries FROM event.resend_journal ORDER BY id FOR UPDATE", (rs) -> {
			rows.add(rs.getLong(1));
			for (ResendJournal.Entry e : ResendJournal.decode(rs.getBytes(2))) {
				all.add(e);
				byAlert.merge(e.alertId(), e, ResendJournal.Entry::then);
			}
		});
		if (rows.isEmpty()) {
			return 0;
		}
		String unnest = "unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
				+ "?::text[], ?::text[], ?::text[]) AS u(id, fs, ls, d, e, ar, n, s, h, r)";
		// an entry is counted unless its alert already shows it: a fold that wrote it
		// (journal rows are deleted with a fold's last chunk) or a later whole write of
		// the
		// alert left last_seen at or after the entry's
		int signals = execute("INSERT INTO event.raw_event (id, received_at, integration_id, fingerprint, status, "
				+ "outcome, alert_id, payload_hash, signals) SELECT nextval('event.raw_event_id_seq'), "
				+ "u.r::timestamptz, a.integration_id, a.fingerprint, u.s, 'DUPLICATE', a.id, u.h, u.n::int FROM "
				+ unnest + " JOIN event.alert a ON a.id = u.id::bigint AND a.first_seen = u.fs::timestamptz "
				+ "WHERE a.last_seen < u.ls::timestamptz", recoveryColumns(all));
		execute("UPDATE event.alert a SET last_seen = u.ls::timestamptz, "
				+ "duplicates = GREATEST(a.duplicates, u.d::int), ends_at = CASE WHEN a.auto_resolve "
				+ "AND u.ar::boolean THEN u.e::timestamptz ELSE a.ends_at END, " + "version = a.version + 1 FROM "
				+ unnest
				+ " WHERE a.id = u.id::bigint AND a.first_seen = u.fs::timestamptz AND a.last_seen < u.ls::timestamptz",
				recoveryColumns(List.copyOf(byAlert.values())));
		deleteJournalRows(rows);
		this.recent.clear();
		return signals;
	}

	private void deleteJournalRows(List<Long> rows) {
		this.jdbc.update("DELETE FROM event.resend_journal WHERE id = ANY(?)", (Object) rows.toArray(Long[]::new));
	}

	private static String[][] recoveryColumns(List<ResendJournal.Entry> entries) {
		List<String[]> rows = new ArrayList<>(entries.size());
		for (ResendJournal.Entry e : entries) {
			rows.add(new String[] { Long.toString(e.alertId()), e.firstSeen().toString(), e.lastSeen().toString(),
					Integer.toString(e.duplicates()), AlertRow.text(e.endsAt()), Boolean.toString(e.autoResolve()),
					Integer.toString(e.signals()), e.status(), e.hash(), e.receivedAt().toString() });
		}
		return columns(rows, 10);
	}

	private static String[][] columns(List<String[]> rows, int width) {
		String[][] columns = new String[width][rows.size()];
		for (int r = 0; r < rows.size(); r++) {
			String[] row = rows.get(r);
			for (int c = 0; c < width; c++) {
				columns[c][r] = row[c];
			}
		}
		return columns;
	}

	private int execute(String sql, String[]... arrays) {
		Integer count = this.jdbc.execute((Connection c) -> c.prepareStatement(sql), (PreparedStatement ps) -> {
			for (int i = 0; i < arrays.length; i++) {
				ps.setArray(i + 1, ps.getConnection().createArrayOf("text", arrays[i]));
			}
			return ps.executeUpdate();
		});
		return (count != null) ? count : 0;
	}

	private static void expect(int count, int expected, String what) {
		if (count != expected) {
			throw new ConcurrentChangeException(what + ": " + count + " of " + expected + " rows still as read");
		}
	}

	/**
	 * A guarded write found a row changed since the optimistic read (a lifecycle action,
	 * a writer on another node, retention): the batch is written again with locks.
	 */
	static final class ConcurrentChangeException extends RuntimeException {

		ConcurrentChangeException(String message) {
			super(message);
		}

	}

	/** A signal found to be a re-send of the alert. */
	record Resend(IncomingSignal signal, String hash, Long alertId) {
	}

	record Key(UUID integrationId, String fingerprint) implements Comparable<Key> {

		@Override
		public int compareTo(Key other) {
			int c = this.integrationId.compareTo(other.integrationId);
			return (c != 0) ? c : this.fingerprint.compareTo(other.fingerprint);
		}

	}

	static final class KeyState {

		/** Found in event.alert_key; a new key is inserted with its alert. */
		boolean exists;

		/** The flap changes as read, the guard of the key update. */
		String loadedFlapChanges = "{}";

		Long alertId;

		Instant firstSeen;

		AlertRow alert;

		boolean pointerChanged;

		boolean flapChanged;

		final List<Long> flapChanges = new ArrayList<>();

		/** The batch's re-sends of this key. */
		final List<Resend> resends = new ArrayList<>(1);

		Resend lastResent() {
			return this.resends.get(this.resends.size() - 1);
		}

		boolean flapping(EventProperties properties, Instant now) {
			long horizon = now.minus(properties.flapWindow()).getEpochSecond();
			return this.flapChanges.stream().filter((t) -> t >= horizon).count() > properties.flapThreshold();
		}

	}

	/** A key and its current alert as committed; restored as copies. */
	record Snapshot(Long alertId, Instant firstSeen, List<Long> flapChanges, AlertRow alert) {

		/**
		 * The key's state after the batch is written, or null when it is not worth
		 * keeping.
		 */
		static Snapshot of(KeyState state) {
			AlertRow a = state.alert;
			boolean keyWritten = state.pointerChanged || state.flapChanged;
			if (!state.exists && !keyWritten) {
				// no key row was written (a signal for an unknown key that was ignored)
				return null;
			}
			Long alertId = keyWritten ? ((a != null) ? a.id : null) : state.alertId;
			Instant firstSeen = keyWritten ? ((a != null) ? a.firstSeen : null) : state.firstSeen;
			if (alertId != null && (a == null || a.id != alertId)) {
				// the key points to an alert that was not read
				return null;
			}
			AlertRow committed = (a != null) ? a.copy() : null;
			if (committed != null) {
				committed.loadedVersion = committed.version;
				committed.dirty = false;
				committed.touched = false;
			}
			return new Snapshot(alertId, firstSeen, List.copyOf(state.flapChanges), committed);
		}

		/**
		 * This after the fold wrote the re-sends, or null when it is not the alert
		 * folded.
		 */
		Snapshot folded(ResendJournal.Pending p) {
			if (this.alert == null || this.alert.id != p.alertId || this.alert.version != p.version) {
				return null;
			}
			AlertRow row = this.alert.copy();
			row.version++;
			row.loadedVersion = row.version;
			return new Snapshot(this.alertId, this.firstSeen, this.flapChanges, row);
		}

		void restore(KeyState state) {
			// only keys whose row exists are remembered
			state.exists = true;
			state.alertId = this.alertId;
			state.firstSeen = this.firstSeen;
			state.flapChanges.addAll(this.flapChanges);
			state.loadedFlapChanges = arrayText(this.flapChanges);
			state.alert = (this.alert != null) ? this.alert.copy() : null;
		}

	}

	static final class Batch {

		final Instant now;

		final List<String[]> activities = new ArrayList<>();

		final List<String[]> raw = new ArrayList<>();

		final List<Object> published = new ArrayList<>();

		/** Re-sends of unchanged alerts, journaled. */
		final List<ResendJournal.Pending> journaled = new ArrayList<>();

		final Set<Long> journaledIds = new HashSet<>();

		/** Keys whose journaled re-sends this batch wrote with their alert. */
		final List<Key> consumed = new ArrayList<>();

		Long journalRow;

		Batch(Instant now) {
			this.now = now;
		}

	}

}
