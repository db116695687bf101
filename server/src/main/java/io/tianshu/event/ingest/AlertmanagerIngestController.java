package io.tianshu.event.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.tianshu.event.AlertLink;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntakeReceipt;
import io.tianshu.event.IntegrationInfo;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.SignalStatus;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alertmanager's two ways of sending: its webhook receiver (format version 4, what an
 * Alertmanager {@code webhook_configs} entry posts) and Alertmanager's own API
 * {@code POST /api/v2/alerts} (what Prometheus, vmalert and Grafana post to an
 * Alertmanager). Both keep Alertmanager's key: the webhook's {@code fingerprint}, or for
 * the API the fingerprint Alertmanager would compute from the labels.
 */
@RestController
class AlertmanagerIngestController {

	private final IngestSupport support;

	AlertmanagerIngestController(IngestSupport support) {
		this.support = support;
	}

	@Operation(summary = "Alertmanager webhook receiver (webhook_configs, format version 4)",
			description = "Authenticates by the integration token only (Bearer, basic-auth password or ?token=). "
					+ "Answers 200 after the alerts are stored.")
	@PostMapping("/api/v1/events/ingest/alertmanager")
	ResponseEntity<Map<String, Object>> webhook(HttpServletRequest request) throws IOException {
		IntegrationInfo integration = this.support.integration(IntegrationKind.ALERTMANAGER);
		JsonNode root = this.support.body(request, integration, this.support.properties().maxBodySize().toBytes());
		if (!root.isObject()) {
			this.support.reject(integration, "payload.invalid");
			throw new IngestProblem(400, "request.malformed", "The webhook body must be a JSON object");
		}
		String version = IngestSupport.text(root, "version");
		if (version != null && !version.equals("4")) {
			this.support.reject(integration, "webhook.version");
			throw new IngestProblem(422, "event.ingest.webhook-version",
					"Webhook format version " + version + " is not supported (version 4 is)");
		}
		JsonNode alerts = root.get("alerts");
		if (alerts == null || !alerts.isArray()) {
			this.support.reject(integration, "alerts.missing");
			throw new IngestProblem(422, "event.ingest.alerts-missing", "The webhook body has no alerts array");
		}
		tooMany(integration, alerts.size());
		String groupKey = IngestSupport.text(root, "groupKey");
		Instant now = this.support.now();
		IngestSupport.Parsed parsed = new IngestSupport.Parsed();
		for (int i = 0; i < alerts.size(); i++) {
			JsonNode alert = alerts.get(i);
			String where = "alerts[" + i + "]";
			if (!alert.isObject()) {
				parsed.reject(where, "alert.invalid", "not an object");
				continue;
			}
			List<String> errors = new ArrayList<>();
			Map<String, String> labels = IngestSupport.stringMap(alert.get("labels"), "labels", errors);
			Map<String, String> annotations = IngestSupport.stringMap(alert.get("annotations"), "annotations", errors);
			if (!errors.isEmpty()) {
				parsed.reject(where, "labels.invalid", String.join("; ", errors));
				continue;
			}
			String status = IngestSupport.text(alert, "status");
			if (!"firing".equals(status) && !"resolved".equals(status)) {
				parsed.reject(where, "status.invalid", "status must be firing or resolved");
				continue;
			}
			Instant startsAt;
			Instant endsAt;
			try {
				startsAt = IngestSupport.time(IngestSupport.text(alert, "startsAt"));
				endsAt = IngestSupport.time(IngestSupport.text(alert, "endsAt"));
			}
			catch (DateTimeParseException ex) {
				parsed.reject(where, "timestamp.invalid", "startsAt/endsAt is not an RFC 3339 time");
				continue;
			}
			String violation = this.support.violation(labels, annotations, startsAt,
					"resolved".equals(status) ? endsAt : null);
			if (violation != null) {
				parsed.reject(where, violation, "limits exceeded");
				continue;
			}
			String fingerprint = IngestSupport.text(alert, "fingerprint");
			if (fingerprint == null || fingerprint.isBlank()) {
				fingerprint = AlertmanagerFingerprint.of(labels);
			}
			String generatorUrl = IngestSupport.text(alert, "generatorURL");
			parsed.signals()
				.add(signal(integration, fingerprint,
						"firing".equals(status) ? SignalStatus.FIRING : SignalStatus.RESOLVED, labels, annotations,
						startsAt, endsAt, false, groupKey, generatorUrl, now));
		}
		IntakeReceipt receipt = this.support.submit(integration, parsed, 422);
		return ResponseEntity.ok(Map.of("status", "success", "accepted", receipt.outcomes().size()));
	}

	@Operation(summary = "Alertmanager API v2: post alerts (Prometheus, vmalert, Grafana)",
			description = "A JSON array of postableAlert. Without endsAt an alert resolves unless re-sent within the "
					+ "integration's resolveTimeout (Alertmanager's resolve_timeout, default 5m). Invalid alerts are "
					+ "refused with 400 after the valid ones are stored, as Alertmanager does.")
	@PostMapping("/api/v2/alerts")
	ResponseEntity<Void> postAlerts(HttpServletRequest request) throws IOException {
		IntegrationInfo integration = this.support.integration(IntegrationKind.PROMETHEUS,
				IntegrationKind.ALERTMANAGER);
		List<PostableAlerts.Alert> alerts = this.support.postableAlerts(
				this.support.bytes(request, integration, this.support.properties().maxBodySize().toBytes()),
				integration);
		Duration resolveTimeout = resolveTimeout(integration);
		Instant now = this.support.now();
		IngestSupport.Parsed parsed = new IngestSupport.Parsed();
		for (int i = 0; i < alerts.size(); i++) {
			PostableAlerts.Alert alert = alerts.get(i);
			String where = "[" + i + "]";
			if (!alert.object) {
				parsed.reject(where, "alert.invalid", "not an object");
				continue;
			}
			if (!alert.errors.isEmpty()) {
				parsed.reject(where, "labels.invalid", String.join("; ", alert.errors));
				continue;
			}
			Map<String, String> labels = alert.labels;
			Map<String, String> annotations = alert.annotations;
			// Alertmanager drops empty label values before validating
			labels.values().removeIf(String::isEmpty);
			if (labels.isEmpty()) {
				parsed.reject(where, "labels.missing", "at least one label pair required");
				continue;
			}
			String bad = null;
			for (String name : labels.keySet()) {
				if (!isLabelName(name)) {
					bad = name;
					break;
				}
			}
			if (bad != null) {
				parsed.reject(where, "labels.name-invalid", "invalid label name \"" + bad + "\"");
				continue;
			}
			Instant startsAt;
			Instant endsAt;
			try {
				startsAt = IngestSupport.time(alert.startsAt);
				endsAt = IngestSupport.time(alert.endsAt);
			}
			catch (DateTimeParseException ex) {
				parsed.reject(where, "timestamp.invalid", "startsAt/endsAt is not an RFC 3339 time");
				continue;
			}
			if (startsAt != null && startsAt.isAfter(now.plus(this.support.properties().maxFuture()))) {
				parsed.reject(where, "timestamp.future", "startsAt is too far in the future");
				continue;
			}
			// Alertmanager's api/v2 postAlertsHandler: a missing start is now (or the
			// end), a
			// missing end is now + resolve_timeout, refreshed by every re-send
			if (startsAt == null) {
				startsAt = (endsAt != null) ? endsAt : now;
			}
			boolean timeout = endsAt == null;
			if (timeout) {
				endsAt = now.plus(resolveTimeout);
			}
			if (endsAt.isBefore(startsAt)) {
				parsed.reject(where, "timestamp.invalid", "end time must not be before start time");
				continue;
			}
			boolean resolved = !endsAt.isAfter(now);
			String violation = this.support.violation(labels, annotations, startsAt, resolved ? endsAt : null);
			if (violation != null) {
				parsed.reject(where, violation, "limits exceeded");
				continue;
			}
			parsed.signals()
				.add(signal(integration, AlertmanagerFingerprint.of(labels),
						resolved ? SignalStatus.RESOLVED : SignalStatus.FIRING, labels, annotations, startsAt, endsAt,
						!resolved, null, alert.generatorUrl, now));
		}
		this.support.submit(integration, parsed, 400);
		return ResponseEntity.ok().build();
	}

	/**
	 * Prometheus' legacy label name syntax ({@code [a-zA-Z_][a-zA-Z0-9_]*}), which
	 * Alertmanager's API validates; checked by hand, as a regular expression cost more
	 * per alert than the rest of the validation.
	 */
	static boolean isLabelName(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
					|| (i > 0 && c >= '0' && c <= '9');
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	private void tooMany(IntegrationInfo integration, int count) {
		if (count > this.support.properties().maxAlertsPerRequest()) {
			this.support.reject(integration, "alerts.too-many");
			throw new IngestProblem(413, "event.ingest.too-many-alerts",
					"At most " + this.support.properties().maxAlertsPerRequest() + " alerts per request, not " + count);
		}
	}

	private Duration resolveTimeout(IntegrationInfo integration) {
		Object configured = integration.settings().get("resolveTimeout");
		if (configured != null) {
			try {
				return DurationStyle.detectAndParse(String.valueOf(configured));
			}
			catch (RuntimeException ex) {
				// validated when saved
			}
		}
		return this.support.properties().resolveTimeout();
	}

	static IncomingSignal signal(IntegrationInfo integration, String fingerprint, SignalStatus status,
			Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt,
			boolean autoResolve, String groupKey, String generatorUrl, Instant now) {
		String severity = labels.get("severity");
		String summary = first(annotations.get("summary"), annotations.get("message"), annotations.get("description"),
				labels.get("alertname"), fingerprint);
		String resource = first(labels.get("instance"), labels.get("host"), labels.get("hostname"), labels.get("job"));
		return IncomingSignal.builder(integration.id(), fingerprint, status, now)
			.severity(integration.severityOf(severity), severity)
			.summary(summary)
			.resource(resource)
			.labels(labels)
			.annotations(annotations)
			.links((generatorUrl != null && !generatorUrl.isBlank())
					? List.of(new AlertLink(generatorUrl, "generator", false)) : List.of())
			.startsAt(startsAt)
			.endsAt(endsAt, autoResolve)
			.groupKey(groupKey)
			.generatorUrl(generatorUrl)
			.build();
	}

	static String first(String... values) {
		for (String v : values) {
			if (v != null && !v.isBlank()) {
				return v;
			}
		}
		return null;
	}

}
