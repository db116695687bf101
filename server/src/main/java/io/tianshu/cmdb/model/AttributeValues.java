package io.tianshu.cmdb.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.platform.FieldViolation;

/**
 * Checks one attribute value against its definition and returns it in its stored form
 * (whole numbers as {@code Long}, instants in UTC, CIDRs normalised to lower case).
 * Values must already have their JSON type: {@code "8"} is not an INT. Reference targets
 * are checked against the database by the caller.
 */
public final class AttributeValues {

	static final int STRING_MAX = 1_000;

	static final int TEXT_MAX = 100_000;

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

	private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

	private static final Set<String> URL_SCHEMES = Set.of("http", "https", "ftp");

	private AttributeValues() {
	}

	/**
	 * The stored form of {@code value}, or {@code null} after adding a violation for
	 * {@code field}. A {@code null} value is returned as is (required is checked by the
	 * caller).
	 */
	public static Object check(AttributeDefinition attribute, Object value, String field,
			List<FieldViolation> violations) {
		if (value == null) {
			return null;
		}
		Object stored = typed(attribute.type(), attribute.itemType(), value, field, violations);
		if (stored == null) {
			return null;
		}
		int before = violations.size();
		checkRules(attribute, stored, field, violations);
		return (violations.size() == before) ? stored : null;
	}

	private static Object typed(AttributeType type, AttributeType itemType, Object value, String field,
			List<FieldViolation> violations) {
		return switch (type) {
			case STRING, TEXT, ENUM -> (value instanceof String s) ? s : wrongType(type, field, violations);
			case INT -> wholeNumber(value, field, violations);
			case DECIMAL -> (value instanceof Number n) ? decimal(n) : wrongType(type, field, violations);
			case BOOL -> (value instanceof Boolean) ? value : wrongType(type, field, violations);
			case DATE -> parsed(value, type, field, violations, (s) -> LocalDate.parse(s).toString());
			case DATETIME ->
				parsed(value, type, field, violations, (s) -> OffsetDateTime.parse(s).toInstant().toString());
			case IP -> parsed(value, type, field, violations, AttributeValues::ip);
			case CIDR -> parsed(value, type, field, violations, AttributeValues::cidr);
			case URL -> parsed(value, type, field, violations, AttributeValues::url);
			case REFERENCE -> parsed(value, type, field, violations, (s) -> UUID.fromString(s).toString());
			case LIST -> list(itemType, value, field, violations);
			case JSON -> value;
		};
	}

	private static Object list(AttributeType itemType, Object value, String field, List<FieldViolation> violations) {
		if (!(value instanceof List<?> items)) {
			return wrongType(AttributeType.LIST, field, violations);
		}
		AttributeType item = (itemType != null) ? itemType : AttributeType.STRING;
		List<Object> out = new ArrayList<>();
		int before = violations.size();
		for (int i = 0; i < items.size(); i++) {
			Object v = items.get(i);
			if (v == null) {
				violations.add(new FieldViolation(field + "[" + i + "]", "cmdb.ci.attribute.type",
						"list items must not be null"));
				continue;
			}
			out.add(typed(item, null, v, field + "[" + i + "]", violations));
		}
		return (violations.size() == before) ? out : null;
	}

	private static Object wholeNumber(Object value, String field, List<FieldViolation> violations) {
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		if (value instanceof BigInteger big && big.bitLength() < 64) {
			return big.longValue();
		}
		if (value instanceof BigDecimal dec) {
			try {
				return dec.longValueExact();
			}
			catch (ArithmeticException ex) {
				// not whole or too large: a type error below
			}
		}
		return wrongType(AttributeType.INT, field, violations);
	}

	private static Number decimal(Number n) {
		if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
			return n.longValue();
		}
		return new BigDecimal(n.toString());
	}

	private static Object parsed(Object value, AttributeType type, String field, List<FieldViolation> violations,
			java.util.function.Function<String, String> parser) {
		if (!(value instanceof String s)) {
			return wrongType(type, field, violations);
		}
		try {
			return parser.apply(s.strip());
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			violations.add(new FieldViolation(field, "cmdb.ci.attribute.format", "'" + abbreviate(s)
					+ "' is not a valid " + type.name().toLowerCase(Locale.ROOT) + formatHint(type)));
			return null;
		}
	}

	private static String formatHint(AttributeType type) {
		return switch (type) {
			case DATE -> " (yyyy-MM-dd)";
			case DATETIME -> " (ISO-8601 with offset, 2025-10-09T10:00:00+08:00)";
			case CIDR -> " (address/prefix, 10.1.0.0/16)";
			case URL -> " (absolute http, https or ftp URL)";
			case REFERENCE -> " (a CI id)";
			default -> "";
		};
	}

	static String ip(String text) {
		if (IPV4.matcher(text).matches()) {
			return text;
		}
		if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()) {
			try {
				// a literal with ':' is parsed, never resolved
				return java.net.InetAddress.getByName(text).getHostAddress();
			}
			catch (java.net.UnknownHostException ex) {
				throw new IllegalArgumentException(ex);
			}
		}
		throw new IllegalArgumentException("not an IP address");
	}

	static String cidr(String text) {
		int slash = text.indexOf('/');
		if (slash < 0) {
			throw new IllegalArgumentException("no prefix length");
		}
		String address = ip(text.substring(0, slash));
		String prefixText = text.substring(slash + 1);
		if (!prefixText.matches("\\d{1,3}")) {
			throw new IllegalArgumentException("bad prefix length");
		}
		int prefix = Integer.parseInt(prefixText);
		int bits = (address.indexOf(':') >= 0) ? 128 : 32;
		if (prefix > bits) {
			throw new IllegalArgumentException("prefix too long");
		}
		return address.toLowerCase(Locale.ROOT) + "/" + prefix;
	}

	static String url(String text) {
		try {
			URI uri = new URI(text);
			if (uri.getScheme() == null || !URL_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
					|| uri.getHost() == null) {
				throw new IllegalArgumentException("not an absolute URL");
			}
			return text;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private static void checkRules(AttributeDefinition attribute, Object value, String field,
			List<FieldViolation> violations) {
		AttributeType type = attribute.type();
		if (type == AttributeType.STRING && ((String) value).length() > STRING_MAX) {
			violations.add(new FieldViolation(field, "cmdb.ci.attribute.range",
					"must be at most " + STRING_MAX + " characters"));
			return;
		}
		if (type == AttributeType.TEXT && ((String) value).length() > TEXT_MAX) {
			violations.add(new FieldViolation(field, "cmdb.ci.attribute.range",
					"must be at most " + TEXT_MAX + " characters"));
			return;
		}
		if (type == AttributeType.ENUM && !attribute.enumValues().contains(value)) {
			violations.add(new FieldViolation(field, "cmdb.ci.attribute.enum",
					"'" + abbreviate((String) value) + "' is not one of " + attribute.enumValues()));
			return;
		}
		if (attribute.regex() != null && type.hasPattern()
				&& !Pattern.compile(attribute.regex()).matcher((String) value).matches()) {
			violations.add(new FieldViolation(field, "cmdb.ci.attribute.regex",
					"'" + abbreviate((String) value) + "' does not match " + attribute.regex()));
			return;
		}
		if (type.hasRange() && (attribute.min() != null || attribute.max() != null)) {
			BigDecimal measure = switch (type) {
				case INT, DECIMAL -> new BigDecimal(value.toString());
				case LIST -> BigDecimal.valueOf(((List<?>) value).size());
				default -> BigDecimal.valueOf(((String) value).length());
			};
			String what = switch (type) {
				case INT, DECIMAL -> "";
				case LIST -> " items";
				default -> " characters";
			};
			if (attribute.min() != null && measure.compareTo(attribute.min()) < 0) {
				violations.add(new FieldViolation(field, "cmdb.ci.attribute.range",
						"must be at least " + attribute.min().toPlainString() + what));
			}
			else if (attribute.max() != null && measure.compareTo(attribute.max()) > 0) {
				violations.add(new FieldViolation(field, "cmdb.ci.attribute.range",
						"must be at most " + attribute.max().toPlainString() + what));
			}
		}
	}

	private static Object wrongType(AttributeType type, String field, List<FieldViolation> violations) {
		violations.add(new FieldViolation(field, "cmdb.ci.attribute.type", "must be " + describe(type)));
		return null;
	}

	private static String describe(AttributeType type) {
		return switch (type) {
			case STRING, TEXT, ENUM -> "a string";
			case INT -> "a whole number";
			case DECIMAL -> "a number";
			case BOOL -> "true or false";
			case LIST -> "a JSON array";
			default -> "a string (" + type.name().toLowerCase(Locale.ROOT) + ")";
		};
	}

	private static String abbreviate(String s) {
		return (s.length() > 60) ? s.substring(0, 57) + "..." : s;
	}

	/** The key text of a value for unique and identity checks: its canonical JSON. */
	public static String keyText(Object value) {
		if (value instanceof String s) {
			return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
		}
		if (value instanceof BigDecimal d) {
			return d.stripTrailingZeros().toPlainString();
		}
		if (value instanceof Map<?, ?> || value instanceof List<?>) {
			return String.valueOf(value);
		}
		return String.valueOf(value);
	}

}
