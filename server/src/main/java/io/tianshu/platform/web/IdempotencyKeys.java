package io.tianshu.platform.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The stored responses of {@code Idempotency-Key} requests, one row per caller and key
 * ({@code platform.idempotency_key}). Each statement commits on its own: a claim must be
 * visible to a concurrent duplicate at once.
 */
@Component
class IdempotencyKeys {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final ApiProperties properties;

	IdempotencyKeys(JdbcClient jdbc, JsonMapper json, Clock clock, ApiProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Claims the key for a new request, or returns what is stored for it. An expired row
	 * is removed and the key claimed afresh.
	 */
	Optional<Stored> claim(String caller, String key, String requestHash) {
		for (int attempt = 0; attempt < 2; attempt++) {
			Instant now = this.clock.instant();
			int inserted = this.jdbc.sql("""
					INSERT INTO platform.idempotency_key (caller, idem_key, request_hash, state, created_at, expires_at)
					VALUES (?, ?, ?, 'IN_PROGRESS', ?, ?) ON CONFLICT (caller, idem_key) DO NOTHING""")
				.params(caller, key, requestHash, Timestamp.from(now),
						Timestamp.from(now.plus(this.properties.idempotencyInProgressTimeout())))
				.update();
			if (inserted == 1) {
				return Optional.empty();
			}
			Optional<Stored> stored = this.jdbc.sql("""
					SELECT request_hash, state, status, headers::text AS headers, body, expires_at
					FROM platform.idempotency_key WHERE caller = ? AND idem_key = ?""")
				.params(caller, key)
				.query((rs, n) -> new Stored(rs.getString("request_hash"), "IN_PROGRESS".equals(rs.getString("state")),
						rs.getInt("status"), headers(rs.getString("headers")), rs.getBytes("body"),
						rs.getTimestamp("expires_at").toInstant()))
				.optional();
			if (stored.isPresent() && stored.get().expiresAt().isAfter(now)) {
				return stored;
			}
			this.jdbc.sql("DELETE FROM platform.idempotency_key WHERE caller = ? AND idem_key = ? AND expires_at <= ?")
				.params(caller, key, Timestamp.from(now))
				.update();
		}
		throw new IllegalStateException("Could not claim idempotency key " + key);
	}

	void complete(String caller, String key, int status, Map<String, String> headers, byte[] body) {
		this.jdbc.sql("""
				UPDATE platform.idempotency_key SET state = 'COMPLETE', status = ?, headers = ?::jsonb, body = ?,
				  expires_at = ? WHERE caller = ? AND idem_key = ?""")
			.params(status, this.json.writeValueAsString(headers), body,
					Timestamp.from(this.clock.instant().plus(this.properties.idempotencyRetention())), caller, key)
			.update();
	}

	/** Frees a key whose request failed (5xx or an exception): the caller may retry. */
	void release(String caller, String key) {
		this.jdbc
			.sql("DELETE FROM platform.idempotency_key WHERE caller = ? AND idem_key = ? AND state = 'IN_PROGRESS'")
			.params(caller, key)
			.update();
	}

	/** Removes expired keys; runs hourly on every node (the delete is idempotent). */
	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
	int deleteExpired() {
		return this.jdbc.sql("DELETE FROM platform.idempotency_key WHERE expires_at <= ?")
			.param(Timestamp.from(this.clock.instant()))
			.update();
	}

	private Map<String, String> headers(String value) {
		return (value != null) ? this.json.readValue(value, new TypeReference<Map<String, String>>() {
		}) : Map.of();
	}

	record Stored(String requestHash, boolean inProgress, int status, Map<String, String> headers, byte[] body,
			Instant expiresAt) {
	}

}
