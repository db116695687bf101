package io.tianshu.event.ingest;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.tianshu.event.AlertLink;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntegrationInfo;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.SignalStatus;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}) as PagerDuty answers it: 202
 * {@code {"status":"success","message":"Event processed","dedup_key":...}} once stored,
 * 400 {@code {"status":"invalid event","message":"Event object is
 * invalid","errors":[...]}}. The {@code routing_key} is the integration token;
 * {@code dedup_key} is the alert's key (generated for a trigger without one and returned,
 * as PagerDuty does).
 */
@RestController
class PagerDutyIngestController {

	static final int MAX_SUMMARY = 1024;

	static final int MAX_DEDUP_KEY = 255;

	private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final IngestSupport support;

	private final JsonMapper json;

	PagerDutyIngestController(IngestSupport support, JsonMapper json) {
		this.support = support;
		this.json = json;
	}

	@Operation(summary = "PagerDuty Events API v2 enqueue",
			description = "routing_key is the integration token. 202 after the event is stored.")
	@PostMapping(IntegrationTokenFilter.PAGERDUTY_PATH)
	ResponseEntity<Map<String, Object>> enqueue(HttpServletRequest request) throws IOException {
		IntegrationInfo integration = this.support.integration(IntegrationKind.PAGERDUTY);
		JsonNode event = this.support.body(request, integration,
				this.support.properties().pagerdutyMaxBodySize().toBytes());
		List<String> errors = new ArrayList<>();
		if (!event.isObject()) {
			return invalid(integration, "payload.invalid", List.of("Event must be a JSON object"));
		}
		String action = IngestSupport.text(event, "event_action");
		if (action == null || !Set.of("trigger", "acknowledge", "resolve").contains(action)) {
			errors.add("'event_action' is missing or invalid (must be one of: trigger, acknowledge, resolve)");
		}
		String dedupKey = IngestSupport.text(event, "dedup_key");
		if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
			errors.add("'dedup_key' is too long (maximum " + MAX_DEDUP_KEY + " characters)");
		}
		if (("acknowledge".equals(action) || "resolve".equals(action)) && (dedupKey == null || dedupKey.isBlank())) {
			errors.add("'dedup_key' is required for " + action + " events");
		}
		Instant now = this.support.now();
		JsonNode payload = event.get("payload");
		String summary = null;
		String source = null;
		String severity = null;
		Instant timestamp = null;
		Map<String, String> labels = new TreeMap<>();
		Map<String, Object> details = null;
		if ("trigger".equals(action)) {
			if (payload == null || !payload.isObject()) {
				errors.add("'payload' is missing or not an object");
			}
			else {
				summary = IngestSupport.text(payload, "summary");
				source = IngestSupport.text(payload, "source");
				severity = IngestSupport.text(payload, "severity");
				if (summary == null || summary.isBlank()) {
					errors.add("'payload.summary' is missing or blank");
				}
				else if (summary.length() > MAX_SUMMARY) {
					errors.add("'payload.summary' is too long (maximum " + MAX_SUMMARY + " characters)");
				}
				if (source == null || source.isBlank()) {
					errors.add("'payload.source' is missing or blank");
				}
				if (severity == null || !SEVERITIES.contains(severity)) {
					errors.add(
							"'payload.severity' is missing or invalid (must be one of: critical, error, warning, info)");
				}
				String ts = IngestSupport.text(payload, "timestamp");
				if (ts != null) {
					try {
						timestamp = OffsetDateTime.parse(ts).toInstant();
						if (timestamp.isAfter(now.plus(this.support.properties().maxFuture()))) {
							errors.add("'payload.timestamp' is too far in the future");
						}
					}
					catch (DateTimeParseException ex) {
						errors.add("'payload.timestamp' is not a valid ISO 8601 timestamp");
					}
				}
				for (String field : List.of("component", "group", "class")) {
					String v = IngestSupport.text(payload, field);
					if (v != null) {
						labels.put(field, v);
					}
				}
				if (source != null) {
					labels.put("source", source);
				}
				JsonNode custom = payload.get("custom_details");
				if (custom != null && !custom.isNull()) {
					details = custom.isObject() ? this.json.convertValue(custom, MAP)
							: Map.of("value", this.json.convertValue(custom, Object.class));
				}
			}
		}
		if (!errors.isEmpty()) {
			return invalid(integration, "event.invalid", errors);
		}
		String violation = this.support.violation(labels, Map.of(), timestamp);
		if (violation != null) {
			return invalid(integration, violation, List.of("Event exceeds Tianshu's limits (" + violation + ")"));
		}
		if (dedupKey == null || dedupKey.isBlank()) {
			dedupKey = UUID.randomUUID().toString().replace("-", "");
		}
		List<AlertLink> links = new ArrayList<>();
		addLinks(event.get("links"), "href", "text", false, links);
		addLinks(event.get("images"), "src", "alt", true, links);
		String clientUrl = IngestSupport.text(event, "client_url");
		if (clientUrl != null) {
			links.add(new AlertLink(clientUrl, IngestSupport.text(event, "client"), false));
		}
		Map<String, String> annotations = new LinkedHashMap<>();
		if (IngestSupport.text(event, "client") != null) {
			annotations.put("client", IngestSupport.text(event, "client"));
		}
		SignalStatus status = switch (action) {
			case "trigger" -> SignalStatus.FIRING;
			case "acknowledge" -> SignalStatus.ACKNOWLEDGED;
			default -> SignalStatus.RESOLVED;
		};
		IncomingSignal signal = IncomingSignal.builder(integration.id(), dedupKey, status, now)
			.severity(integration.severityOf(severity), severity)
			.summary((summary != null) ? summary : "")
			.resource(source)
			.labels(labels)
			.annotations(annotations)
			.links(links)
			.details(details)
			.startsAt(timestamp)
			.build();
		this.support.await(List.of(signal));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "success");
		body.put("message", "Event processed");
		body.put("dedup_key", dedupKey);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
	}

	private static void addLinks(JsonNode node, String hrefField, String textField, boolean image,
			List<AlertLink> links) {
		if (node == null || !node.isArray()) {
			return;
		}
		for (JsonNode link : node) {
			if (link.isObject()) {
				String href = IngestSupport.text(link, hrefField);
				if (href != null) {
					links.add(new AlertLink(href, IngestSupport.text(link, textField), image));
				}
			}
		}
	}

	private ResponseEntity<Map<String, Object>> invalid(IntegrationInfo integration, String reason,
			List<String> errors) {
		this.support.reject(integration, reason);
		return ResponseEntity.badRequest()
			.body(Map.of("status", "invalid event", "message", "Event object is invalid", "errors", errors));
	}

	/** Malformed JSON is answered in PagerDuty's shape too. */
	@ExceptionHandler(IngestProblem.class)
	ResponseEntity<Map<String, Object>> problem(IngestProblem ex) {
		if (ex.status() == 400) {
			return ResponseEntity.badRequest()
				.body(Map.of("status", "invalid event", "message", "Event object is invalid", "errors",
						List.of(ex.getMessage())));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "error");
		body.put("message", ex.getMessage());
		body.put("code", ex.code());
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(ex.status());
		if (ex.status() == 503) {
			builder.header("Retry-After", "5");
		}
		return builder.body(body);
	}

}
