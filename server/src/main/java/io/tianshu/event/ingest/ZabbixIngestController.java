package io.tianshu.event.ingest;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.Operation;
import io.tianshu.event.AlertLink;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntegrationInfo;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.SignalStatus;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the Tianshu media type for Zabbix (docs/integrations/zabbix-media-type.yaml)
 * posts: one problem event, its recovery or an update. The key is Zabbix's problem event
 * id ({@code {EVENT.ID}}, which recovery and update messages carry too). Macros Zabbix
 * left unexpanded ({@code {EVENT.RECOVERY.DATE}} in a problem message) count as absent.
 */
@RestController
class ZabbixIngestController {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy.MM.dd");

	private final IngestSupport support;

	ZabbixIngestController(IngestSupport support) {
		this.support = support;
	}

	@Operation(summary = "Zabbix webhook media type", description = "200 after the event is stored.")
	@PostMapping("/api/v1/events/ingest/zabbix")
	ResponseEntity<Map<String, Object>> event(HttpServletRequest request) throws IOException {
		IntegrationInfo integration = this.support.integration(IntegrationKind.ZABBIX);
		JsonNode root = this.support.body(request, integration, this.support.properties().maxBodySize().toBytes());
		if (!root.isObject()) {
			this.support.reject(integration, "payload.invalid");
			throw new IngestProblem(400, "request.malformed", "The body must be a JSON object");
		}
		String eventId = value(root, "event_id");
		if (eventId == null || !eventId.matches("\\d{1,20}")) {
			this.support.reject(integration, "event-id.missing");
			throw new IngestProblem(422, "event.ingest.zabbix-event-id",
					"event_id ({EVENT.ID}) is missing or not a number");
		}
		Instant now = this.support.now();
		ZoneId zone = zone(integration);
		String status = value(root, "event_status");
		String eventValue = value(root, "event_value");
		boolean recovered = "0".equals(eventValue) || "RESOLVED".equalsIgnoreCase(status)
				|| "OK".equalsIgnoreCase(status);
		boolean update = "1".equals(value(root, "event_update_status"));
		boolean acknowledged = update && "yes".equalsIgnoreCase(value(root, "event_ack"));
		SignalStatus signalStatus = recovered ? SignalStatus.RESOLVED
				: (acknowledged ? SignalStatus.ACKNOWLEDGED : SignalStatus.FIRING);
		Instant startsAt = time(value(root, "event_date"), value(root, "event_time"), zone);
		Instant endsAt = recovered ? time(value(root, "event_recovery_date"), value(root, "event_recovery_time"), zone)
				: null;
		Map<String, String> labels = new TreeMap<>();
		List<String> errors = new ArrayList<>();
		JsonNode tags = root.get("event_tags");
		if (tags != null && tags.isString() && tags.stringValue().strip().startsWith("[")) {
			tags = this.support.parse(tags.stringValue().getBytes(java.nio.charset.StandardCharsets.UTF_8),
					integration);
		}
		if (tags != null && tags.isArray()) {
			for (JsonNode tag : tags) {
				String name = IngestSupport.text(tag, "tag");
				if (name != null && !name.isBlank()) {
					labels.put(name, java.util.Objects.requireNonNullElse(IngestSupport.text(tag, "value"), ""));
				}
			}
		}
		else if (tags != null && tags.isObject()) {
			labels.putAll(IngestSupport.stringMap(tags, "event_tags", errors));
		}
		put(labels, "host", first(value(root, "host_host"), value(root, "host_name")));
		put(labels, "ip", value(root, "host_ip"));
		put(labels, "trigger_id", value(root, "trigger_id"));
		put(labels, "zabbix_event_source", value(root, "event_source"));
		String severity = first(value(root, "event_severity"), value(root, "event_nseverity"));
		Map<String, String> annotations = new TreeMap<>();
		put(annotations, "opdata", value(root, "event_opdata"));
		put(annotations, "trigger_description", value(root, "trigger_description"));
		put(annotations, "update_message", value(root, "event_update_message"));
		put(annotations, "update_action", value(root, "event_update_action"));
		String violation = !errors.isEmpty() ? "labels.invalid" : this.support.violation(labels, annotations, startsAt);
		if (violation != null) {
			this.support.reject(integration, violation);
			throw new IngestProblem(422, "event.ingest.alert-invalid",
					"The event exceeds the limits (" + violation + ")");
		}
		List<AlertLink> links = new ArrayList<>();
		String url = value(root, "trigger_url");
		if (url != null) {
			links.add(new AlertLink(url, "trigger", false));
		}
		String zabbixUrl = value(root, "zabbix_url");
		if (zabbixUrl != null) {
			links.add(new AlertLink(zabbixUrl.replaceAll("/+$", "") + "/tr_events.php?triggerid="
					+ value(root, "trigger_id") + "&eventid=" + eventId, "Zabbix", false));
		}
		IncomingSignal signal = IncomingSignal.builder(integration.id(), eventId, signalStatus, now)
			.severity(integration.severityOf(severity), severity)
			.summary(first(value(root, "event_name"), value(root, "trigger_name"), "Zabbix event " + eventId))
			.resource(first(value(root, "host_name"), value(root, "host_host")))
			.labels(labels)
			.annotations(annotations)
			.links(links)
			.startsAt(startsAt)
			.endsAt(endsAt, false)
			.build();
		this.support.await(List.of(signal));
		return ResponseEntity.ok(Map.of("status", "success", "event_id", eventId));
	}

	private static ZoneId zone(IntegrationInfo integration) {
		Object configured = integration.settings().get("timezone");
		try {
			return (configured != null) ? ZoneId.of(configured.toString()) : ZoneId.systemDefault();
		}
		catch (DateTimeException ex) {
			return ZoneId.systemDefault();
		}
	}

	/**
	 * Zabbix's {EVENT.DATE} (yyyy.MM.dd) and {EVENT.TIME} (HH:mm:ss), server local time.
	 */
	private static Instant time(String date, String time, ZoneId zone) {
		if (date == null || time == null) {
			return null;
		}
		try {
			return LocalDate.parse(date, DATE).atTime(LocalTime.parse(time)).atZone(zone).toInstant();
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** A field's text, {@code null} when absent, blank or an unexpanded macro. */
	private static String value(JsonNode root, String field) {
		String v = IngestSupport.text(root, field);
		if (v == null || v.isBlank() || (v.startsWith("{") && v.endsWith("}") && v.toUpperCase(Locale.ROOT).equals(v)
				&& !v.contains("\""))) {
			return null;
		}
		return v.strip();
	}

	private static void put(Map<String, String> map, String key, String value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	private static String first(String... values) {
		return AlertmanagerIngestController.first(values);
	}

}
