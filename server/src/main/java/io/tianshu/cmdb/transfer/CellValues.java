package io.tianshu.cmdb.transfer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.platform.FieldViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the text of a cell into the JSON value an attribute takes ({@code "8"} → 8 for an
 * int), with the spellings spreadsheets produce: {@code 1,024}, {@code 是/否},
 * {@code 2025/3/5}, a date cell of an xlsx file, lists as {@code a; b} or a JSON array.
 * The result still goes through the model's rules. A bare number in a date column is
 * refused as an Excel serial date rather than guessed.
 */
final class CellValues {

	private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

	private static final Pattern SLASH_DATE = Pattern.compile("(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})");

	private static final Pattern SERIAL = Pattern.compile("\\d{1,6}(\\.\\d+)?");

	private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "是", "对", "✓");

	private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "否", "错", "✗");

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]");

	private final JsonMapper json;

	private final ZoneId zone;

	CellValues(JsonMapper json, ZoneId zone) {
		this.json = json;
		this.zone = zone;
	}

	/**
	 * The value of the cell for the attribute, {@code null} for a blank cell, or
	 * {@code null} after adding a violation for {@code field}.
	 */
	Object value(AttributeDefinition attribute, Cell cell, String field, List<FieldViolation> violations) {
		if (cell.kind() == Cell.Kind.FORMULA) {
			violations.add(new FieldViolation(field, "cmdb.import.formula",
					"the cell holds a formula (" + abbreviate(cell.text())
							+ "); Tianshu does not evaluate formulas: copy the column and paste it as values"));
			return null;
		}
		if (cell.kind() == Cell.Kind.ERROR) {
			violations.add(new FieldViolation(field, "cmdb.import.cell-error",
					"the cell holds the Excel error " + cell.text()));
			return null;
		}
		if (cell.blank()) {
			return null;
		}
		AttributeType type = attribute.type();
		if (cell.kind() == Cell.Kind.DATE) {
			return date(attribute, cell.date(), field, violations);
		}
		String text = (type == AttributeType.STRING || type == AttributeType.TEXT) ? cell.text() : cell.text().strip();
		return switch (type) {
			case STRING, TEXT, ENUM, IP, CIDR, URL, REFERENCE -> text;
			case INT -> integer(text, field, violations);
			case DECIMAL -> decimal(text, field, violations);
			case BOOL -> bool(text, field, violations);
			case DATE -> dateText(text, field, violations);
			case DATETIME -> dateTimeText(text, field, violations);
			case LIST -> list(attribute, text, field, violations);
			case JSON -> jsonValue(text, field, violations);
		};
	}

	private Object date(AttributeDefinition attribute, LocalDateTime date, String field,
			List<FieldViolation> violations) {
		return switch (attribute.type()) {
			case DATE -> {
				if (!date.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
					violations.add(new FieldViolation(field, "cmdb.import.date-has-time",
							"the date cell holds a time of day (" + date + "); a date attribute takes a day only"));
					yield null;
				}
				yield date.toLocalDate().toString();
			}
			case DATETIME -> date.atZone(this.zone).toOffsetDateTime().toString();
			case STRING, TEXT -> date.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? date.toLocalDate().toString()
					: date.toString();
			default -> {
				violations.add(new FieldViolation(field, "cmdb.import.date-cell",
						"the cell is formatted as a date (" + date.toLocalDate() + ") but the attribute is "
								+ attribute.type().name().toLowerCase(Locale.ROOT)));
				yield null;
			}
		};
	}

	private static Object integer(String text, String field, List<FieldViolation> violations) {
		String plain = GROUPED.matcher(text).matches() ? text.replace(",", "") : text;
		try {
			return new BigDecimal(plain).longValueExact();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			violations.add(new FieldViolation(field, "cmdb.ci.attribute.type",
					"'" + abbreviate(text) + "' is not a whole number"));
			return null;
		}
	}

	private static Object decimal(String text, String field, List<FieldViolation> violations) {
		String plain = GROUPED.matcher(text).matches() ? text.replace(",", "") : text;
		try {
			return new BigDecimal(plain);
		}
		catch (NumberFormatException ex) {
			violations
				.add(new FieldViolation(field, "cmdb.ci.attribute.type", "'" + abbreviate(text) + "' is not a number"));
			return null;
		}
	}

	private static Object bool(String text, String field, List<FieldViolation> violations) {
		String lower = text.toLowerCase(Locale.ROOT);
		if (TRUE.contains(lower)) {
			return Boolean.TRUE;
		}
		if (FALSE.contains(lower)) {
			return Boolean.FALSE;
		}
		violations.add(new FieldViolation(field, "cmdb.ci.attribute.type",
				"'" + abbreviate(text) + "' is not true or false (true/false, yes/no, 是/否, 1/0)"));
		return null;
	}

	private static Object dateText(String text, String field, List<FieldViolation> violations) {
		var slash = SLASH_DATE.matcher(text);
		if (slash.matches()) {
			try {
				return LocalDate
					.of(Integer.parseInt(slash.group(1)), Integer.parseInt(slash.group(2)),
							Integer.parseInt(slash.group(3)))
					.toString();
			}
			catch (java.time.DateTimeException ex) {
				violations.add(new FieldViolation(field, "cmdb.ci.attribute.format",
						"'" + text + "' is not a valid date (yyyy-MM-dd)"));
				return null;
			}
		}
		if (SERIAL.matcher(text).matches()) {
			serial(text, field, violations);
			return null;
		}
		return text;
	}

	private Object dateTimeText(String text, String field, List<FieldViolation> violations) {
		if (SERIAL.matcher(text).matches()) {
			serial(text, field, violations);
			return null;
		}
		try {
			OffsetDateTime.parse(text);
			return text;
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(text, LOCAL).atZone(this.zone).toOffsetDateTime().toString();
			}
			catch (DateTimeParseException again) {
				// AttributeValues names the expected format
				return text;
			}
		}
	}

	private static void serial(String text, String field, List<FieldViolation> violations) {
		String meaning = "";
		try {
			double serial = Double.parseDouble(text);
			if (org.apache.poi.ss.usermodel.DateUtil.isValidExcelDate(serial)) {
				meaning = " (" + org.apache.poi.ss.usermodel.DateUtil.getLocalDateTime(serial).toLocalDate() + "?)";
			}
		}
		catch (NumberFormatException ex) {
			// the pattern admits only numbers
		}
		violations.add(new FieldViolation(field, "cmdb.import.excel-serial-date",
				"'" + text + "' looks like an Excel serial date number" + meaning
						+ "; format the column as a date or as text yyyy-MM-dd before saving"));
	}

	private Object list(AttributeDefinition attribute, String text, String field, List<FieldViolation> violations) {
		if (text.startsWith("[")) {
			return jsonValue(text, field, violations);
		}
		AttributeType itemType = (attribute.itemType() != null) ? attribute.itemType() : AttributeType.STRING;
		AttributeDefinition item = AttributeDefinition.of(attribute.code(), attribute.name(), itemType);
		List<Object> items = new ArrayList<>();
		int before = violations.size();
		for (String part : text.split("[;；\\n]")) {
			if (part.isBlank()) {
				continue;
			}
			Object value = value(item, Cell.text(part.strip()), field, violations);
			if (value != null) {
				items.add(value);
			}
		}
		return (violations.size() == before) ? items : null;
	}

	private Object jsonValue(String text, String field, List<FieldViolation> violations) {
		try {
			return this.json.readValue(text, Object.class);
		}
		catch (JacksonException ex) {
			violations.add(new FieldViolation(field, "cmdb.import.json-invalid",
					"'" + abbreviate(text) + "' is not valid JSON"));
			return null;
		}
	}

	/**
	 * The cell text of a stored value, as the export writes it and this class reads it.
	 */
	String text(AttributeDefinition attribute, Object value) {
		if (value == null) {
			return "";
		}
		return switch (attribute.type()) {
			case LIST -> listText((value instanceof List<?> items) ? items : List.of(value));
			case JSON -> this.json.writeValueAsString(value);
			case BOOL -> Boolean.TRUE.equals(value) ? "true" : "false";
			case DECIMAL ->
				(value instanceof Number n) ? new BigDecimal(n.toString()).toPlainString() : String.valueOf(value);
			default -> String.valueOf(value);
		};
	}

	private String listText(List<?> items) {
		boolean plain = true;
		for (Object item : items) {
			String s = String.valueOf(item);
			if (!(item instanceof String || item instanceof Number) || s.isBlank() || !s.equals(s.strip())
					|| s.indexOf(';') >= 0 || s.indexOf('；') >= 0 || s.indexOf('\n') >= 0 || s.startsWith("[")) {
				plain = false;
				break;
			}
		}
		if (!plain || items.isEmpty()) {
			return this.json.writeValueAsString(items);
		}
		StringBuilder out = new StringBuilder();
		for (Object item : items) {
			if (!out.isEmpty()) {
				out.append("; ");
			}
			out.append(item);
		}
		return out.toString();
	}

	static String abbreviate(String s) {
		return (s.length() > 60) ? s.substring(0, 57) + "..." : s;
	}

}
