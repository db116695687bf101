package io.tianshu.cmdb.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.CiHistoryEntry.FieldChange;
import io.tianshu.cmdb.CiModel;
import io.tianshu.platform.FieldViolation;

/**
 * What a model version means for the attributes of one existing CI: what can be migrated
 * without a person (a removed attribute dropped, a missing required value filled from the
 * default, a value converted to the attribute's new type) and what cannot (a value the
 * new rules refuse, a required value without a default). Values are never thrown away to
 * make a CI conform: a value that fails stays as it is and is flagged.
 */
final class CiMigrations {

	private CiMigrations() {
	}

	/** One reason a CI does not conform to its model. */
	record Finding(String attribute, String code, String message) {
	}

	/**
	 * The outcome for one CI.
	 *
	 * @param attributes the attributes after migration
	 * @param diff what the migration changed ({@code attributes.<code>}), empty when
	 * nothing
	 * @param findings what still does not conform
	 */
	record Outcome(Map<String, Object> attributes, Map<String, FieldChange> diff, List<Finding> findings) {

		boolean migrated() {
			return !this.diff.isEmpty();
		}

	}

	static Outcome plan(CiModel model, Map<String, Object> current) {
		Map<String, Object> after = new TreeMap<>();
		Map<String, FieldChange> diff = new LinkedHashMap<>();
		List<Finding> findings = new ArrayList<>();
		for (var entry : new TreeMap<>(current).entrySet()) {
			if (model.attribute(entry.getKey()).isEmpty() && entry.getValue() != null) {
				diff.put("attributes." + entry.getKey(), new FieldChange(entry.getValue(), null));
			}
		}
		for (AttributeDefinition attribute : model.attributes()) {
			String field = "attributes." + attribute.code();
			Object value = current.get(attribute.code());
			if (value == null) {
				if (attribute.required() && attribute.defaultValue() != null) {
					after.put(attribute.code(), attribute.defaultValue());
					diff.put(field, new FieldChange(null, attribute.defaultValue()));
				}
				else if (attribute.required()) {
					findings.add(new Finding(attribute.code(), "cmdb.ci.attribute.required",
							attribute.code() + " (" + attribute.name() + ") is required and has no default"));
				}
				continue;
			}
			List<FieldViolation> violations = new ArrayList<>();
			Object checked = AttributeValues.check(attribute, value, field, violations);
			if (violations.isEmpty()) {
				after.put(attribute.code(), checked);
				if (!same(value, checked)) {
					diff.put(field, new FieldChange(value, checked));
				}
				continue;
			}
			Object converted = converted(attribute, value);
			if (converted != null) {
				List<FieldViolation> again = new ArrayList<>();
				Object stored = AttributeValues.check(attribute, converted, field, again);
				if (again.isEmpty()) {
					after.put(attribute.code(), stored);
					diff.put(field, new FieldChange(value, stored));
					continue;
				}
			}
			// the value stays until someone corrects it
			after.put(attribute.code(), value);
			FieldViolation first = violations.get(0);
			findings.add(new Finding(attribute.code(), first.code(), first.message()));
		}
		return new Outcome(after, diff, findings);
	}

	/**
	 * The value in the JSON form of the attribute's (new) type when the conversion loses
	 * nothing: numbers and booleans to text, numeric text to numbers, whole decimals to
	 * integers, {@code "true"}/{@code "false"} to booleans, a scalar to a one-item list;
	 * otherwise {@code null}.
	 */
	static Object converted(AttributeDefinition attribute, Object value) {
		AttributeType type = attribute.type();
		return switch (type) {
			case STRING, TEXT, ENUM, IP, CIDR, URL, DATE, DATETIME, REFERENCE -> text(value);
			case INT -> whole(value);
			case DECIMAL -> number(value);
			case BOOL -> (value instanceof String s
					&& (s.strip().equalsIgnoreCase("true") || s.strip().equalsIgnoreCase("false")))
							? Boolean.valueOf(s.strip().toLowerCase(Locale.ROOT)) : null;
			case LIST -> (value instanceof List<?>) ? null : listOf(attribute, value);
			case JSON -> null;
		};
	}

	private static Object listOf(AttributeDefinition attribute, Object value) {
		AttributeType item = (attribute.itemType() != null) ? attribute.itemType() : AttributeType.STRING;
		Object single = converted(AttributeDefinition.of(attribute.code(), attribute.name(), item), value);
		return List.of((single != null) ? single : value);
	}

	private static String text(Object value) {
		if (value instanceof BigDecimal d) {
			return d.stripTrailingZeros().toPlainString();
		}
		if (value instanceof Double || value instanceof Float) {
			return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		return null;
	}

	private static Object whole(Object value) {
		BigDecimal number = decimal(value);
		if (number == null) {
			return null;
		}
		try {
			return number.longValueExact();
		}
		catch (ArithmeticException ex) {
			return null;
		}
	}

	private static Object number(Object value) {
		return (value instanceof String) ? decimal(value) : null;
	}

	private static BigDecimal decimal(Object value) {
		try {
			if (value instanceof String s) {
				return new BigDecimal(s.strip());
			}
			if (value instanceof Number n) {
				return new BigDecimal(n.toString());
			}
		}
		catch (NumberFormatException ex) {
			// not a number: no conversion
		}
		return null;
	}

	/** Equal as stored JSON: 8 (Integer) and 8 (Long), 1.5 (Double) and 1.5 (decimal). */
	static boolean same(Object a, Object b) {
		if (java.util.Objects.equals(a, b)) {
			return true;
		}
		if (a instanceof Number x && b instanceof Number y) {
			return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
		}
		if (a instanceof List<?> x && b instanceof List<?> y && x.size() == y.size()) {
			for (int i = 0; i < x.size(); i++) {
				if (!same(x.get(i), y.get(i))) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

}
