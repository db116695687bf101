package io.tianshu.platform.audit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hash chain's rules, in one place so that the writer and the verifier cannot drift
 * apart.
 * <p>
 * <b>Canonical form (version 1)</b> of a record is a JSON array without whitespace, in
 * this fixed order: {@code [1, seq, id, occurredAt, actorKind, actorId, actorName,
 * tokenId, sourceAddress, requestId, action, targetType, targetId, outcome, before, after,
 * detail]}. Absent values are an explicit {@code null}. {@code occurredAt} is UTC
 * ISO-8601 with exactly six fractional digits ({@code 2026-03-01T08:00:00.123456Z}); the
 * writer truncates the time to microseconds before hashing because PostgreSQL stores no
 * more. UUIDs are lower case. {@code before}/{@code after} are embedded as canonical
 * JSON: object keys sorted by Java string order, numbers as plain decimals without
 * trailing zeros ({@code 1.50} → {@code 1.5}, {@code 1e2} → {@code 100}), strings
 * escaping only {@code "}, {@code \} and control characters (as six-character hex
 * escapes). Exactly this text is stored in the JSONB column, so reading it back and
 * canonicalising again gives the same text whatever spacing or key order PostgreSQL
 * chose.
 * <p>
 * <b>Hash</b>: lower-case hex of SHA-256 over the UTF-8 bytes of
 * {@code prevHash + "\n" + canonicalForm}. The first record's {@code prevHash} is
 * {@link #GENESIS}.
 */
final class AuditChain {

	/** The previous hash of the very first record. */
	static final String GENESIS = "0".repeat(64);

	/** Key of the transaction-scoped advisory lock that serialises appends. */
	static final long LOCK_KEY = 0x54534155444954L; // "TSAUDIT"

	static final String MASK = "******";

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	/**
	 * Key names (lower case, without {@code _ - .} and spaces) whose values are secrets.
	 */
	private static final List<String> SECRET_KEY_SUFFIXES = List.of("password", "passwd", "passphrase", "secret",
			"token", "key", "credential", "credentials", "passwordhash", "secretvalue", "keymaterial", "recoverycode",
			"recoverycodes", "otp", "totp", "pin", "cookie", "authorization");

	private static final Set<String> SECRET_KEY_CONTAINS = Set.of("password", "privatekey", "secretkey", "apikey",
			"clientsecret");

	private static final Pattern SECRET_VALUE = Pattern
		.compile("(?s)^(tsk_\\S+|Bearer\\s+\\S+|-----BEGIN [A-Z ]*PRIVATE KEY-----.*)$");

	private AuditChain() {
	}

	static Instant truncate(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	static String hash(String prevHash, ChainedRecord record) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(prevHash.getBytes(StandardCharsets.US_ASCII));
			digest.update((byte) '\n');
			digest.update(canonicalForm(record).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	static String canonicalForm(ChainedRecord r) {
		StringBuilder out = new StringBuilder(256);
		out.append("[1,").append(r.seq()).append(',').append(r.id()).append(',');
		string(out, TIME.format(truncate(r.occurredAt())));
		out.append(',');
		string(out, r.actorKind());
		out.append(',');
		string(out, uuid(r.actorId()));
		out.append(',');
		string(out, r.actorName());
		out.append(',');
		string(out, uuid(r.tokenId()));
		out.append(',');
		string(out, r.sourceAddress());
		out.append(',');
		string(out, r.requestId());
		out.append(',');
		string(out, r.action());
		out.append(',');
		string(out, r.targetType());
		out.append(',');
		string(out, r.targetId());
		out.append(',');
		string(out, r.outcome());
		out.append(',');
		out.append((r.before() != null) ? r.before() : "null");
		out.append(',');
		out.append((r.after() != null) ? r.after() : "null");
		out.append(',');
		string(out, r.detail());
		out.append(']');
		return out.toString();
	}

	/** A reader that keeps every decimal digit, so canonicalisation is lossless. */
	static ObjectReader exactReader(JsonMapper json) {
		return json.readerFor(JsonNode.class).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
	}

	/** Canonical JSON of stored JSON text, or {@code null}. */
	static String canonicalJson(ObjectReader exactReader, String storedJson) {
		if (storedJson == null) {
			return null;
		}
		JsonNode node = exactReader.readValue(storedJson);
		StringBuilder out = new StringBuilder(storedJson.length());
		json(out, node);
		return out.toString();
	}

	/**
	 * Canonical JSON of a value given to {@code Audit.record}, with secrets masked, or
	 * {@code null} for {@code null}.
	 */
	static String canonicalValue(JsonMapper json, ObjectReader exactReader, Object value) {
		if (value == null) {
			return null;
		}
		// through text, so that numbers come back as exact decimals
		JsonNode node = exactReader.readValue(json.writeValueAsString(value));
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		StringBuilder out = new StringBuilder(128);
		json(out, mask(node, null));
		return out.toString();
	}

	/** Whether a value under this key is to be masked. */
	static boolean isSecretKey(String key) {
		if (key == null) {
			return false;
		}
		String k = key.toLowerCase(Locale.ROOT).replaceAll("[_\\-. ]", "");
		for (String suffix : SECRET_KEY_SUFFIXES) {
			if (k.endsWith(suffix)) {
				return true;
			}
		}
		for (String part : SECRET_KEY_CONTAINS) {
			if (k.contains(part)) {
				return true;
			}
		}
		return false;
	}

	static boolean looksLikeSecret(String value) {
		return value != null && SECRET_VALUE.matcher(value.strip()).matches();
	}

	/**
	 * Text as PostgreSQL will store it: no NUL characters and valid UTF-8 (lone
	 * surrogates become {@code ?}), so that the hashed text is the stored text.
	 */
	static String clean(String text) {
		if (text == null) {
			return null;
		}
		String s = (text.indexOf('\u0000') >= 0) ? text.replace('\u0000', '\uFFFD') : text;
		for (int i = 0; i < s.length(); i++) {
			if (Character.isSurrogate(s.charAt(i))) {
				return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
			}
		}
		return s;
	}

	private static Object mask(JsonNode node, String key) {
		if (node.isNull()) {
			return null;
		}
		if (key != null && isSecretKey(key) && !node.isBoolean()) {
			return MASK;
		}
		if (node.isObject()) {
			java.util.TreeMap<String, Object> out = new java.util.TreeMap<>();
			for (var entry : node.properties()) {
				out.put(clean(entry.getKey()), mask(entry.getValue(), entry.getKey()));
			}
			return out;
		}
		if (node.isArray()) {
			List<Object> out = new ArrayList<>(node.size());
			for (JsonNode element : node.values()) {
				out.add(mask(element, key));
			}
			return out;
		}
		if (node.isString()) {
			String s = clean(node.stringValue());
			return looksLikeSecret(s) ? MASK : s;
		}
		if (node.isNumber()) {
			return node.decimalValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return clean(node.asString());
	}

	private static void json(StringBuilder out, JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			out.append("null");
		}
		else if (node.isObject()) {
			java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
			for (var entry : node.properties()) {
				sorted.put(entry.getKey(), entry.getValue());
			}
			out.append('{');
			boolean first = true;
			for (var entry : sorted.entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				string(out, entry.getKey());
				out.append(':');
				json(out, entry.getValue());
			}
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			boolean first = true;
			for (JsonNode element : node.values()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				json(out, element);
			}
			out.append(']');
		}
		else if (node.isNumber()) {
			out.append(number(node.decimalValue()));
		}
		else if (node.isBoolean()) {
			out.append(node.booleanValue());
		}
		else {
			string(out, node.asString());
		}
	}

	@SuppressWarnings("unchecked")
	private static void json(StringBuilder out, Object value) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof java.util.SortedMap<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (var entry : ((java.util.SortedMap<String, Object>) map).entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				string(out, entry.getKey());
				out.append(':');
				json(out, entry.getValue());
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			boolean first = true;
			for (Object element : list) {
				if (!first) {
					out.append(',');
				}
				first = false;
				json(out, element);
			}
			out.append(']');
		}
		else if (value instanceof BigDecimal number) {
			out.append(number(number));
		}
		else if (value instanceof Boolean bool) {
			out.append(bool);
		}
		else {
			string(out, value.toString());
		}
	}

	private static String number(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	private static String uuid(UUID uuid) {
		return (uuid != null) ? uuid.toString() : null;
	}

	private static void string(StringBuilder out, String value) {
		if (value == null) {
			out.append("null");
			return;
		}
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		out.append('"');
	}

}
