package io.tianshu.event.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import io.swagger.v3.oas.annotations.Operation;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntegrationInfo;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.SignalStatus;
import io.tianshu.platform.Sha256;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Any JSON, mapped by the integration's settings (JSONPath, relative to each alert):
 * {@code alertsPath} (where the alerts are; default: the body, or each element of a body
 * array), {@code fingerprint} or {@code fingerprintFields} (the key: a field, or a hash
 * of several), {@code status} with {@code resolvedValues}/{@code acknowledgedValues},
 * {@code severity}, {@code summary}, {@code resource}, {@code labels} (an object),
 * {@code labelPaths} (label → path), {@code annotations}, {@code startsAt},
 * {@code endsAt} (RFC 3339 or epoch seconds/milliseconds).
 */
@RestController
class GenericJsonIngestController {

	private static final Set<String> RESOLVED = Set.of("resolved", "ok", "closed", "recovered", "cleared", "inactive",
			"0", "false", "normal");

	private static final Set<String> ACKNOWLEDGED = Set.of("acknowledged", "ack", "acked");

	private static final Configuration PATHS = Configuration.defaultConfiguration()
		.addOptions(Option.SUPPRESS_EXCEPTIONS, Option.DEFAULT_PATH_LEAF_TO_NULL);

	private final IngestSupport support;

	private final JsonMapper json;

	GenericJsonIngestController(IngestSupport support, JsonMapper json) {
		this.support = support;
		this.json = json;
	}

	@Operation(summary = "Generic JSON, mapped by the integration's JSONPath settings",
			description = "200 after the alerts are stored; alerts that do not map are refused 422 "
					+ "(the others are stored).")
	@PostMapping("/api/v1/events/ingest/generic")
	ResponseEntity<Map<String, Object>> ingest(HttpServletRequest request) throws IOException {
		IntegrationInfo integration = this.support.integration(IntegrationKind.GENERIC_JSON);
		JsonNode root = this.support.body(request, integration, this.support.properties().maxBodySize().toBytes());
		Map<String, Object> settings = integration.settings();
		DocumentContext document = JsonPath.using(PATHS).parse(this.json.writeValueAsString(root));
		List<Object> alerts = new ArrayList<>();
		Object alertsPath = settings.get("alertsPath");
		Object selected = (alertsPath != null) ? document.read(alertsPath.toString()) : document.json();
		if (selected instanceof List<?> list) {
			alerts.addAll(list);
		}
		else if (selected != null) {
			alerts.add(selected);
		}
		if (alerts.size() > this.support.properties().maxAlertsPerRequest()) {
			this.support.reject(integration, "alerts.too-many");
			throw new IngestProblem(413, "event.ingest.too-many-alerts", "Too many alerts in one request");
		}
		Instant now = this.support.now();
		IngestSupport.Parsed parsed = new IngestSupport.Parsed();
		for (int i = 0; i < alerts.size(); i++) {
			String where = "alerts[" + i + "]";
			DocumentContext alert = JsonPath.using(PATHS).parse(alerts.get(i));
			String fingerprint = fingerprint(alert, settings);
			if (fingerprint == null || fingerprint.isBlank()) {
				parsed.reject(where, "fingerprint.missing", "the fingerprint path found nothing");
				continue;
			}
			if (fingerprint.length() > 255) {
				parsed.reject(where, "fingerprint.too-long", "the fingerprint is longer than 255 characters");
				continue;
			}
			Map<String, String> labels = new TreeMap<>();
			Object labelObject = read(alert, settings.get("labels"));
			if (labelObject instanceof Map<?, ?> map) {
				map.forEach((k, v) -> {
					if (v != null && !(v instanceof Map) && !(v instanceof List)) {
						labels.put(k.toString(), v.toString());
					}
				});
			}
			if (settings.get("labelPaths") instanceof Map<?, ?> paths) {
				paths.forEach((name, path) -> {
					Object v = read(alert, path);
					if (v != null && !(v instanceof Map) && !(v instanceof List)) {
						labels.put(name.toString(), v.toString());
					}
				});
			}
			Map<String, String> annotations = new TreeMap<>();
			if (read(alert, settings.get("annotations")) instanceof Map<?, ?> map) {
				map.forEach((k, v) -> {
					if (v != null) {
						annotations.put(k.toString(), v.toString());
					}
				});
			}
			Instant startsAt;
			Instant endsAt;
			try {
				startsAt = time(read(alert, settings.get("startsAt")));
				endsAt = time(read(alert, settings.get("endsAt")));
			}
			catch (DateTimeParseException | NumberFormatException ex) {
				parsed.reject(where, "timestamp.invalid", "startsAt/endsAt is not a time");
				continue;
			}
			String violation = this.support.violation(labels, annotations, startsAt, endsAt);
			if (violation != null) {
				parsed.reject(where, violation, "limits exceeded");
				continue;
			}
			String statusValue = string(read(alert, settings.get("status")));
			SignalStatus status = status(statusValue, settings);
			String severity = string(read(alert, settings.get("severity")));
			String summary = string(read(alert, settings.get("summary")));
			parsed.signals()
				.add(IncomingSignal.builder(integration.id(), fingerprint, status, now)
					.severity(integration.severityOf(severity), severity)
					.summary((summary != null) ? summary : fingerprint)
					.resource(string(read(alert, settings.get("resource"))))
					.labels(labels)
					.annotations(annotations)
					.startsAt(startsAt)
					.endsAt(endsAt, false)
					.build());
		}
		var receipt = this.support.submit(integration, parsed, 422);
		return ResponseEntity.ok(Map.of("status", "success", "accepted", receipt.outcomes().size()));
	}

	private static Object read(DocumentContext alert, Object path) {
		if (path == null) {
			return null;
		}
		Object value = alert.read(path.toString());
		if (value instanceof List<?> list && !path.toString().contains("[*]")) {
			return list.isEmpty() ? null : list;
		}
		return value;
	}

	private static String string(Object value) {
		return (value == null || value instanceof Map || value instanceof List) ? null : value.toString();
	}

	private static String fingerprint(DocumentContext alert, Map<String, Object> settings) {
		Object path = settings.get("fingerprint");
		if (path != null) {
			return string(read(alert, path));
		}
		if (settings.get("fingerprintFields") instanceof List<?> fields) {
			StringBuilder b = new StringBuilder();
			boolean any = false;
			for (Object field : fields) {
				String v = string(read(alert, field));
				any |= v != null;
				b.append(field).append('=').append(v).append('\u0000');
			}
			if (!any) {
				return null;
			}
			return HexFormat.of().formatHex(Sha256.of(b.toString().getBytes(StandardCharsets.UTF_8)), 0, 16);
		}
		return null;
	}

	private static SignalStatus status(String value, Map<String, Object> settings) {
		if (value == null) {
			return SignalStatus.FIRING;
		}
		String v = value.strip().toLowerCase(Locale.ROOT);
		if (values(settings.get("resolvedValues"), RESOLVED).contains(v)) {
			return SignalStatus.RESOLVED;
		}
		if (values(settings.get("acknowledgedValues"), ACKNOWLEDGED).contains(v)) {
			return SignalStatus.ACKNOWLEDGED;
		}
		return SignalStatus.FIRING;
	}

	private static Set<String> values(Object configured, Set<String> defaults) {
		if (configured instanceof List<?> list) {
			Set<String> out = new java.util.HashSet<>();
			list.forEach((o) -> out.add(String.valueOf(o).toLowerCase(Locale.ROOT)));
			return out;
		}
		return defaults;
	}

	/** RFC 3339 text, or epoch seconds (or milliseconds when larger than 10^11). */
	private static Instant time(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Number n) {
			long v = n.longValue();
			return (Math.abs(v) > 100_000_000_000L) ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
		}
		String text = value.toString().strip();
		if (text.matches("-?\\d+")) {
			return time(Long.parseLong(text));
		}
		return OffsetDateTime.parse(text).toInstant();
	}

}
