package io.tianshu.event.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of Alertmanager's {@code POST /api/v2/alerts} (a JSON array of
 * postableAlert) straight from the token stream into the fields the endpoint uses,
 * without building a JSON tree first: on the hot path of every Prometheus the tree and
 * its nodes cost more than the rest of the parsing. The whole body is read before any
 * alert is used, so malformed JSON anywhere still stores nothing. What it reads is what
 * {@link IngestSupport#stringMap} and {@link IngestSupport#text} read from a tree: string
 * values as they are, numbers and booleans as their text, {@code null} as absent, any
 * other value an error of the map (or an absent field); unknown fields are skipped.
 */
final class PostableAlerts {

	private PostableAlerts() {
	}

	/** One element of the array; {@code object} false when it is not a JSON object. */
	static final class Alert {

		boolean object = true;

		Map<String, String> labels = new TreeMap<>();

		Map<String, String> annotations = new TreeMap<>();

		/**
		 * What makes the labels or annotations invalid ({@code stringMap}'s messages).
		 */
		final List<String> errors = new ArrayList<>(0);

		String startsAt;

		String endsAt;

		String generatorUrl;

	}

	/** Thrown when the body is valid JSON but not an array. */
	static final class NotAnArray extends RuntimeException {

		NotAnArray() {
			super("not an array", null, false, false);
		}

	}

	/** Thrown when the body is empty or has content after the value. */
	static final class Malformed extends RuntimeException {

		Malformed(String message) {
			super(message, null, false, false);
		}

	}

	/** Thrown when the array has more than the limit of elements. */
	static final class TooMany extends RuntimeException {

		final int count;

		TooMany(int count) {
			super("too many", null, false, false);
			this.count = count;
		}

	}

	/**
	 * The alerts of the body.
	 * @throws tools.jackson.core.JacksonException when the body is not valid JSON
	 * @throws NotAnArray when it is JSON but not an array
	 * @throws TooMany when it has more than {@code limit} elements
	 * @throws Malformed when it is empty or has content after the value
	 */
	static List<Alert> read(JsonMapper json, byte[] body, int limit) {
		try (JsonParser p = json.createParser(body)) {
			JsonToken first = p.nextToken();
			if (first == null) {
				throw new Malformed("The body is empty");
			}
			if (first != JsonToken.START_ARRAY) {
				// what follows must still be well-formed JSON
				json.readTree(p);
				trailing(p);
				throw new NotAnArray();
			}
			List<Alert> alerts = new ArrayList<>();
			JsonToken t;
			while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
				if (alerts.size() == limit) {
					int count = limit + 1 + remaining(p, t);
					// malformed content after the array is refused as such first
					trailing(p);
					throw new TooMany(count);
				}
				Alert alert = new Alert();
				alerts.add(alert);
				if (t != JsonToken.START_OBJECT) {
					alert.object = false;
					p.skipChildren();
					continue;
				}
				readAlert(p, alert);
			}
			trailing(p);
			return alerts;
		}
	}

	private static void readAlert(JsonParser p, Alert alert) {
		Field labels = null;
		Field annotations = null;
		String name;
		while ((name = p.nextName()) != null) {
			JsonToken value = p.nextToken();
			switch (name) {
				case "labels" -> labels = map(p, value, "labels");
				case "annotations" -> annotations = map(p, value, "annotations");
				case "startsAt" -> alert.startsAt = text(p, value);
				case "endsAt" -> alert.endsAt = text(p, value);
				case "generatorURL" -> alert.generatorUrl = text(p, value);
				default -> p.skipChildren();
			}
		}
		// the labels' errors first, as the endpoint read them from a tree
		if (labels != null) {
			alert.labels = labels.values();
			alert.errors.addAll(labels.errors());
		}
		if (annotations != null) {
			alert.annotations = annotations.values();
			alert.errors.addAll(annotations.errors());
		}
	}

	/** A value of a map that is not a string, number or boolean. */
	private static final Object INVALID = new Object();

	/**
	 * As {@link IngestSupport#stringMap} reads a tree: a repeated key's last value counts
	 * (a {@code null} removes it) and keeps the first one's place, so the errors come in
	 * the tree's order.
	 */
	private static Field map(JsonParser p, JsonToken token, String field) {
		if (token == JsonToken.VALUE_NULL) {
			return new Field(new TreeMap<>(), List.of());
		}
		if (token != JsonToken.START_OBJECT) {
			p.skipChildren();
			return new Field(new TreeMap<>(), List.of(field + " must be an object of strings"));
		}
		Map<String, Object> values = new LinkedHashMap<>();
		String key;
		while ((key = p.nextName()) != null) {
			JsonToken v = p.nextToken();
			if (v == JsonToken.VALUE_STRING) {
				values.put(key, p.getString());
			}
			else if (v.isNumeric() || v.isBoolean()) {
				values.put(key, scalar(p));
			}
			else if (v == JsonToken.VALUE_NULL) {
				values.put(key, null);
			}
			else {
				p.skipChildren();
				values.put(key, INVALID);
			}
		}
		Map<String, String> out = new TreeMap<>();
		List<String> errors = new ArrayList<>(0);
		values.forEach((k, v) -> {
			if (v == INVALID) {
				errors.add(field + "." + k + " must be a string");
			}
			else if (v != null) {
				out.put(k, (String) v);
			}
		});
		return new Field(out, errors);
	}

	/** A map field as read, and what makes it invalid. */
	private record Field(Map<String, String> values, List<String> errors) {

	}

	/** As {@link IngestSupport#text}: a string, a number's or boolean's text, or null. */
	private static String text(JsonParser p, JsonToken token) {
		if (token == JsonToken.VALUE_STRING) {
			return p.getString();
		}
		if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
			return scalar(p);
		}
		p.skipChildren();
		return null;
	}

	/** A number's or boolean's text as the tree's node would give it. */
	private static String scalar(JsonParser p) {
		JsonNode node = p.readValueAsTree();
		return node.asString();
	}

	/** The elements after the current one, skipped (for the count of the answer). */
	private static int remaining(JsonParser p, JsonToken current) {
		int n = 0;
		JsonToken t = current;
		while (t != JsonToken.END_ARRAY) {
			p.skipChildren();
			t = p.nextToken();
			if (t != JsonToken.END_ARRAY) {
				n++;
			}
		}
		return n;
	}

	private static void trailing(JsonParser p) {
		if (p.nextToken() != null) {
			throw new Malformed("The body is not valid JSON: content after the end of the value");
		}
	}

}
