package io.tianshu.event.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.tianshu.event.AlertIntake;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntakeReceipt;
import io.tianshu.event.IntegrationInfo;
import io.tianshu.event.IntegrationKind;
import io.tianshu.event.integration.IngestCounters;
import io.tianshu.event.intake.EventProperties;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What every ingest endpoint does the same way: the integration of the request (and that
 * it is of the endpoint's kind), the content type (415), the body within its limit (413),
 * JSON (400), the per-alert limits (labels, lengths, timestamps), counting each rejection
 * under its reason, and waiting for the intake's commit (503 when it does not come within
 * {@link EventProperties#ackTimeout()}, never a false acknowledgement).
 */
@Component
class IngestSupport {

	static final int MAX_ANNOTATION_LENGTH = 16_384;

	private final AlertIntake intake;

	private final IngestCounters counters;

	private final JsonMapper json;

	private final EventProperties properties;

	private final Clock clock;

	IngestSupport(AlertIntake intake, IngestCounters counters, JsonMapper json, EventProperties properties,
			Clock clock) {
		this.intake = intake;
		this.counters = counters;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	EventProperties properties() {
		return this.properties;
	}

	Instant now() {
		return this.clock.instant();
	}

	/** The body, or {@code null} when it is longer than the limit. */
	static byte[] readBody(HttpServletRequest request, long limit) throws IOException {
		if (request.getContentLengthLong() > limit) {
			return null;
		}
		if (request instanceof IntegrationTokenFilter.BufferedRequest buffered) {
			return (buffered.body().length > limit) ? null : buffered.body();
		}
		try (InputStream in = request.getInputStream()) {
			byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
			return (bytes.length > limit) ? null : bytes;
		}
		catch (IOException ex) {
			// the platform's size limit refuses while reading
			if (ex.getClass().getSimpleName().equals("PayloadTooLargeException")) {
				return null;
			}
			throw ex;
		}
	}

	/** The request's integration, refused 403 unless it is of one of the kinds. */
	IntegrationInfo integration(IntegrationKind... kinds) {
		IntegrationInfo integration = ((IntegrationAuthentication) SecurityContextHolder.getContext()
			.getAuthentication()).integration();
		if (!Arrays.asList(kinds).contains(integration.kind())) {
			reject(integration, "kind-mismatch");
			throw new IngestProblem(403, "event.integration.kind-mismatch",
					"This is the endpoint of " + Arrays.toString(kinds) + " integrations; the token belongs to a "
							+ integration.kind().code() + " integration");
		}
		return integration;
	}

	/** The body within the limit, refused unless its content type is JSON. */
	byte[] bytes(HttpServletRequest request, IntegrationInfo integration, long limit) throws IOException {
		String contentType = request.getContentType();
		String type = (contentType != null) ? contentType.toLowerCase(Locale.ROOT).split(";")[0].strip() : "";
		if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
			reject(integration, "content-type");
			throw new IngestProblem(415, "request.unsupported-media-type",
					"Send JSON (Content-Type: application/json), not " + (type.isEmpty() ? "no content type" : type));
		}
		byte[] body = readBody(request, Math.min(limit, this.properties.maxBodySize().toBytes()));
		if (body == null) {
			reject(integration, "body.too-large");
			throw new IngestProblem(413, "request.too-large", "The request body is larger than " + limit + " bytes");
		}
		return body;
	}

	/** The JSON body within the limit. */
	JsonNode body(HttpServletRequest request, IntegrationInfo integration, long limit) throws IOException {
		return parse(bytes(request, integration, limit), integration);
	}

	/**
	 * The postableAlerts of an Alertmanager API body, read from the token stream
	 * ({@link PostableAlerts}); refused as {@link #parse} and the endpoints refuse a tree
	 * that is not JSON, not an array or too long.
	 */
	List<PostableAlerts.Alert> postableAlerts(byte[] body, IntegrationInfo integration) {
		int limit = this.properties.maxAlertsPerRequest();
		try {
			return PostableAlerts.read(this.json, body, limit);
		}
		catch (JacksonException ex) {
			reject(integration, "json.malformed");
			throw new IngestProblem(400, "request.malformed", "The body is not valid JSON: " + ex.getOriginalMessage());
		}
		catch (PostableAlerts.Malformed ex) {
			reject(integration, "json.malformed");
			throw new IngestProblem(400, "request.malformed", ex.getMessage());
		}
		catch (PostableAlerts.NotAnArray ex) {
			reject(integration, "payload.invalid");
			throw new IngestProblem(400, "request.malformed", "The body must be a JSON array of alerts");
		}
		catch (PostableAlerts.TooMany ex) {
			reject(integration, "alerts.too-many");
			throw new IngestProblem(413, "event.ingest.too-many-alerts",
					"At most " + limit + " alerts per request, not " + ex.count);
		}
	}

	JsonNode parse(byte[] body, IntegrationInfo integration) {
		try {
			JsonNode node = this.json.readTree(body);
			if (node == null || node.isMissingNode()) {
				throw new IngestProblem(400, "request.malformed", "The body is empty");
			}
			return node;
		}
		catch (JacksonException ex) {
			reject(integration, "json.malformed");
			throw new IngestProblem(400, "request.malformed", "The body is not valid JSON: " + ex.getOriginalMessage());
		}
		catch (IngestProblem ex) {
			reject(integration, "json.malformed");
			throw ex;
		}
	}

	void reject(IntegrationInfo integration, String reason) {
		this.counters.rejected(integration.id(), reason);
	}

	/** A JSON object of string values, or an error reason. */
	static Map<String, String> stringMap(JsonNode node, String field, List<String> errors) {
		Map<String, String> out = new java.util.TreeMap<>();
		if (node == null || node.isNull() || node.isMissingNode()) {
			return out;
		}
		if (!node.isObject()) {
			errors.add(field + " must be an object of strings");
			return out;
		}
		for (Map.Entry<String, JsonNode> e : node.properties()) {
			JsonNode v = e.getValue();
			if (v.isString()) {
				out.put(e.getKey(), v.stringValue());
			}
			else if (v.isNumber() || v.isBoolean()) {
				out.put(e.getKey(), v.asString());
			}
			else if (!v.isNull()) {
				errors.add(field + "." + e.getKey() + " must be a string");
			}
		}
		return out;
	}

	static String text(JsonNode node, String field) {
		JsonNode v = node.get(field);
		if (v == null || v.isNull()) {
			return null;
		}
		return v.isString() ? v.stringValue() : (v.isValueNode() ? v.asString() : null);
	}

	/**
	 * An RFC 3339 time; {@code null} when absent or Go's zero time
	 * ({@code 0001-01-01T00:00:00Z}, what Alertmanager sends for "no end").
	 * @throws DateTimeParseException when it is not a time
	 */
	static Instant time(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		Instant t = Rfc3339.parse(text.strip());
		return (t.getEpochSecond() <= -62135596800L) ? null : t;
	}

	/** The per-alert limits; the reason code of the first violation, or {@code null}. */
	String violation(Map<String, String> labels, Map<String, String> annotations, Instant... times) {
		if (labels.size() > this.properties.maxLabels()) {
			return "labels.too-many";
		}
		for (Map.Entry<String, String> e : labels.entrySet()) {
			if (e.getKey().isEmpty() || e.getKey().length() > this.properties.maxLabelNameLength()) {
				return "labels.name-invalid";
			}
			if (e.getValue().length() > this.properties.maxLabelValueLength()) {
				return "labels.value-too-long";
			}
		}
		if (annotations.size() > this.properties.maxLabels()) {
			return "annotations.too-many";
		}
		for (Map.Entry<String, String> e : annotations.entrySet()) {
			if (e.getKey().length() > this.properties.maxLabelNameLength()
					|| e.getValue().length() > MAX_ANNOTATION_LENGTH) {
				return "annotations.too-long";
			}
		}
		Instant limit = now().plus(this.properties.maxFuture());
		for (Instant t : times) {
			if (t != null && t.isAfter(limit)) {
				return "timestamp.future";
			}
		}
		return null;
	}

	/**
	 * Submits what was accepted and waits for its commit; then, when some alerts were
	 * rejected, refuses with the protocol's status listing them (the valid ones are
	 * stored).
	 */
	IntakeReceipt submit(IntegrationInfo integration, Parsed parsed, int rejectStatus) {
		parsed.reasons().forEach((reason) -> reject(integration, reason));
		IntakeReceipt receipt = parsed.signals().isEmpty() ? new IntakeReceipt(List.of(), 0) : await(parsed.signals());
		if (!parsed.errors().isEmpty()) {
			throw new IngestProblem(rejectStatus, "event.ingest.alert-invalid",
					parsed.errors().size() + " alert(s) rejected, " + parsed.signals().size() + " accepted",
					parsed.errors(), parsed.signals().size());
		}
		return receipt;
	}

	IntakeReceipt await(List<IncomingSignal> signals) {
		try {
			return this.intake.submit(signals).get(this.properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw unavailable();
		}
	}

	private static IngestProblem unavailable() {
		return new IngestProblem(503, "event.intake.unavailable",
				"The alerts could not be stored right now; send them again later");
	}

	/** Signals accepted from a request, and the rejected alerts' messages and reasons. */
	record Parsed(List<IncomingSignal> signals, List<String> errors, List<String> reasons) {

		Parsed() {
			this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		}

		void reject(String where, String reason, String message) {
			this.errors.add(where + ": " + message + " (" + reason + ")");
			this.reasons.add(reason);
		}

	}

}
