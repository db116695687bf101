package io.tianshu.event.integration;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import io.tianshu.event.EventPermissions;
import io.tianshu.event.IntegrationInfo;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.Integrations;
import io.tianshu.event.Severity;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.Sha256;
import io.tianshu.platform.TianshuException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integrations (告警接入) and their tokens: 32 random hex characters (128 bits; the length
 * PagerDuty's routing keys have, so PagerDuty clients accept it), shown once and stored
 * as a SHA-256 hash like the platform's API tokens. Token look-ups are cached for a few
 * seconds; a change on this node clears the cache at once.
 */
@Service
public class IntegrationStore implements Integrations {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Duration CACHE_TTL = Duration.ofSeconds(10);

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final Audit audit;

	private final Clock clock;

	private final Map<String, Cached> byHash = new ConcurrentHashMap<>();

	IntegrationStore(JdbcClient jdbc, JsonMapper json, Authorization authorization, Audit audit, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.audit = audit;
		this.clock = clock;
	}

	static String hash(String token) {
		return HexFormat.of().formatHex(Sha256.of(token.getBytes(StandardCharsets.UTF_8)));
	}

	private static String newToken() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	@Override
	public Optional<IntegrationInfo> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM event.integration WHERE id = ?").param(id).query(this::info).optional();
	}

	@Override
	public Optional<IntegrationInfo> byToken(String token) {
		if (token == null || token.isBlank() || token.length() > 256) {
			return Optional.empty();
		}
		String hash = hash(token.strip());
		Instant now = this.clock.instant();
		Cached cached = this.byHash.get(hash);
		if (cached != null && cached.until().isAfter(now)) {
			return cached.info();
		}
		Optional<IntegrationInfo> info = this.jdbc.sql("SELECT * FROM event.integration WHERE token_hash = ?")
			.param(hash)
			.query(this::info)
			.optional();
		if (this.byHash.size() > 10_000) {
			this.byHash.clear();
		}
		this.byHash.put(hash, new Cached(info, now.plus(CACHE_TTL)));
		return info;
	}

	@Override
	public List<IntegrationInfo> enabledOfKind(IntegrationKind kind) {
		return this.jdbc.sql("SELECT * FROM event.integration WHERE kind = ? AND enabled ORDER BY name")
			.param(kind.code())
			.query(this::info)
			.list();
	}

	public List<IntegrationView> list() {
		this.authorization.require(EventPermissions.INTEGRATION_MANAGE);
		return this.jdbc.sql("SELECT * FROM event.integration ORDER BY lower(name)")
			.query((rs, n) -> view(rs, null))
			.list();
	}

	public IntegrationView get(UUID id) {
		this.authorization.require(EventPermissions.INTEGRATION_MANAGE);
		return this.jdbc.sql("SELECT * FROM event.integration WHERE id = ?")
			.param(id)
			.query((rs, n) -> view(rs, null))
			.optional()
			.orElseThrow(() -> TianshuException.notFound("event.integration.not-found", "No such integration"));
	}

	@Transactional
	public IntegrationView create(IntegrationDraft draft) {
		this.authorization.require(EventPermissions.INTEGRATION_MANAGE);
		List<FieldViolation> errors = validate(draft, true);
		if (!errors.isEmpty()) {
			throw TianshuException.invalid("The integration is invalid", errors);
		}
		nameFree(draft.name(), null);
		UUID id = UUID.randomUUID();
		String token = newToken();
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				INSERT INTO event.integration (id, name, kind, enabled, token_hash, token_hint, default_severity,
				  severity_mapping, settings, description, created_at, created_by, updated_at, token_rotated_at)
				VALUES (:id, :name, :kind, :enabled, :hash, :hint, :severity, :mapping::jsonb, :settings::jsonb,
				  :description, :now, :by, :now, :now)""")
			.param("id", id)
			.param("name", draft.name().strip())
			.param("kind", draft.kind().code())
			.param("enabled", draft.enabled() == null || draft.enabled())
			.param("hash", hash(token))
			.param("hint", token.substring(0, 4) + "…")
			.param("severity", severityOrDefault(draft).name())
			.param("mapping", this.json.writeValueAsString(mapping(draft.severityMapping())))
			.param("settings", this.json.writeValueAsString(settings(draft.settings())))
			.param("description", draft.description())
			.param("now", now)
			.param("by", this.authorization.currentActor().name())
			.update();
		IntegrationView created = get(id);
		this.audit.record(AuditEntry.success("event.integration.created", "integration", id.toString())
			.withChange(null, created));
		this.byHash.clear();
		return withToken(created, token);
	}

	@Transactional
	public IntegrationView update(UUID id, IntegrationDraft draft) {
		IntegrationView before = get(id);
		List<FieldViolation> errors = validate(draft, false);
		if (draft.kind() != null && draft.kind() != before.kind()) {
			errors.add(new FieldViolation("kind", "event.integration.kind-fixed",
					"The kind of an integration cannot change; create another one"));
		}
		if (!errors.isEmpty()) {
			throw TianshuException.invalid("The integration is invalid", errors);
		}
		nameFree(draft.name(), id);
		IntegrationDraft effective = new IntegrationDraft(draft.name(), before.kind(), draft.enabled(),
				draft.defaultSeverity(), draft.severityMapping(), draft.settings(), draft.description());
		List<FieldViolation> kindErrors = validate(effective, true);
		if (!kindErrors.isEmpty()) {
			throw TianshuException.invalid("The integration is invalid", kindErrors);
		}
		this.jdbc.sql("""
				UPDATE event.integration SET name = :name, enabled = :enabled, default_severity = :severity,
				  severity_mapping = :mapping::jsonb, settings = :settings::jsonb, description = :description,
				  updated_at = :now WHERE id = :id""")
			.param("id", id)
			.param("name", draft.name().strip())
			.param("enabled", draft.enabled() == null || draft.enabled())
			.param("severity", severityOrDefault(effective).name())
			.param("mapping", this.json.writeValueAsString(mapping(draft.severityMapping())))
			.param("settings", this.json.writeValueAsString(settings(draft.settings())))
			.param("description", draft.description())
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		IntegrationView after = get(id);
		this.audit.record(AuditEntry.success("event.integration.updated", "integration", id.toString())
			.withChange(before, after));
		this.byHash.clear();
		return after;
	}

	@Transactional
	public IntegrationView rotateToken(UUID id) {
		IntegrationView before = get(id);
		String token = newToken();
		Instant now = this.clock.instant();
		this.jdbc
			.sql("UPDATE event.integration SET token_hash = ?, token_hint = ?, token_rotated_at = ?, updated_at = ? "
					+ "WHERE id = ?")
			.params(hash(token), token.substring(0, 4) + "…", Timestamp.from(now), Timestamp.from(now), id)
			.update();
		this.audit.record(AuditEntry.success("event.integration.token-rotated", "integration", id.toString())
			.withDetail(before.name()));
		this.byHash.clear();
		return withToken(get(id), token);
	}

	@Transactional
	public void delete(UUID id) {
		IntegrationView before = get(id);
		this.jdbc.sql("DELETE FROM event.integration WHERE id = ?").param(id).update();
		this.audit.record(
				AuditEntry.success("event.integration.deleted", "integration", id.toString()).withChange(before, null));
		this.byHash.clear();
	}

	private void nameFree(String name, UUID self) {
		boolean taken = this.jdbc
			.sql("SELECT count(*) FROM event.integration WHERE lower(name) = lower(?) AND (?::uuid IS NULL OR id <> ?)")
			.params(name.strip(), self, self)
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw TianshuException.conflict("event.integration.name-taken", "Another integration has this name");
		}
	}

	private static Severity severityOrDefault(IntegrationDraft draft) {
		return (draft.defaultSeverity() != null) ? draft.defaultSeverity() : Severity.WARNING;
	}

	private static Map<String, Severity> mapping(Map<String, Severity> mapping) {
		Map<String, Severity> out = new LinkedHashMap<>();
		if (mapping != null) {
			mapping.forEach((k, v) -> out.put(k.strip().toLowerCase(Locale.ROOT), v));
		}
		return out;
	}

	private static Map<String, Object> settings(Map<String, Object> settings) {
		return (settings != null) ? settings : Map.of();
	}

	private List<FieldViolation> validate(IntegrationDraft draft, boolean kindRequired) {
		List<FieldViolation> errors = new ArrayList<>();
		if (draft.name() == null || draft.name().isBlank()) {
			errors.add(new FieldViolation("name", "required", "A name is required"));
		}
		else if (draft.name().strip().length() > 100) {
			errors.add(new FieldViolation("name", "too-long", "At most 100 characters"));
		}
		if (kindRequired && draft.kind() == null) {
			errors.add(new FieldViolation("kind", "required", "A kind is required"));
		}
		if (draft.severityMapping() != null) {
			draft.severityMapping().forEach((k, v) -> {
				if (k == null || k.isBlank() || v == null) {
					errors.add(new FieldViolation("severityMapping", "event.integration.mapping-invalid",
							"Every source severity needs a common severity"));
				}
			});
		}
		Map<String, Object> settings = settings(draft.settings());
		Object timeout = settings.get("resolveTimeout");
		if (timeout != null) {
			try {
				Duration d = DurationStyle.detectAndParse(String.valueOf(timeout));
				if (d.isNegative() || d.isZero()) {
					throw new IllegalArgumentException("not positive");
				}
			}
			catch (RuntimeException ex) {
				errors.add(new FieldViolation("settings.resolveTimeout", "event.integration.duration-invalid",
						"Not a positive duration (e.g. 5m): " + timeout));
			}
		}
		if (draft.kind() == IntegrationKind.GENERIC_JSON && kindRequired) {
			validateMapping(settings, errors);
		}
		return errors;
	}

	/** The generic JSON mapping: JSONPaths that compile, and a way to find the key. */
	private static void validateMapping(Map<String, Object> settings, List<FieldViolation> errors) {
		Object fingerprint = settings.get("fingerprint");
		Object fields = settings.get("fingerprintFields");
		if (fingerprint == null && !(fields instanceof List<?> list && !list.isEmpty())) {
			errors.add(new FieldViolation("settings.fingerprint", "event.integration.fingerprint-required",
					"A generic JSON integration needs a fingerprint path or fingerprintFields"));
		}
		for (String key : List.of("alertsPath", "fingerprint", "status", "severity", "summary", "resource", "labels",
				"annotations", "startsAt", "endsAt")) {
			Object path = settings.get(key);
			if (path != null) {
				checkPath("settings." + key, path, errors);
			}
		}
		if (fields instanceof List<?> list) {
			list.forEach((p) -> checkPath("settings.fingerprintFields", p, errors));
		}
		if (settings.get("labelPaths") instanceof Map<?, ?> paths) {
			paths.values().forEach((p) -> checkPath("settings.labelPaths", p, errors));
		}
	}

	private static void checkPath(String field, Object path, List<FieldViolation> errors) {
		try {
			if (!(path instanceof String text)) {
				throw new InvalidPathException("not a string");
			}
			JsonPath.compile(text);
		}
		catch (RuntimeException ex) {
			errors.add(new FieldViolation(field, "event.integration.jsonpath-invalid", "Not a JSONPath: " + path));
		}
	}

	private IntegrationView withToken(IntegrationView view, String token) {
		return new IntegrationView(view.id(), view.name(), view.kind(), view.enabled(), view.defaultSeverity(),
				view.severityMapping(), view.settings(), view.description(), view.tokenHint(), view.tokenRotatedAt(),
				view.createdAt(), view.updatedAt(), token, view.ingestPath());
	}

	private IntegrationInfo info(ResultSet rs, int n) throws SQLException {
		return new IntegrationInfo(rs.getObject("id", UUID.class), rs.getString("name"),
				IntegrationKind.of(rs.getString("kind")), rs.getBoolean("enabled"),
				Severity.valueOf(rs.getString("default_severity")), severities(rs.getString("severity_mapping")),
				this.json.readValue(rs.getString("settings"), MAP));
	}

	private Map<String, Severity> severities(String text) {
		Map<String, Severity> out = new LinkedHashMap<>();
		this.json.readValue(text, STRING_MAP).forEach((k, v) -> Severity.parse(v).ifPresent((s) -> out.put(k, s)));
		return out;
	}

	private IntegrationView view(ResultSet rs, String token) throws SQLException {
		IntegrationInfo info = info(rs, 0);
		return new IntegrationView(info.id(), info.name(), info.kind(), info.enabled(), info.defaultSeverity(),
				info.severityMapping(), info.settings(), rs.getString("description"), rs.getString("token_hint"),
				rs.getTimestamp("token_rotated_at").toInstant(), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant(), token, ingestPath(info.kind()));
	}

	/** Where senders of the kind post, or {@code null} for listeners. */
	static String ingestPath(IntegrationKind kind) {
		return switch (kind) {
			case ALERTMANAGER -> "/api/v1/events/ingest/alertmanager";
			case PROMETHEUS -> "/api/v2/alerts";
			case PAGERDUTY -> "/api/v1/events/ingest/pagerduty/v2/enqueue";
			case ZABBIX -> "/api/v1/events/ingest/zabbix";
			case GENERIC_JSON -> "/api/v1/events/ingest/generic";
			case SYSLOG, SNMP, MANUAL -> null;
		};
	}

	private record Cached(Optional<IntegrationInfo> info, Instant until) {
	}

}
