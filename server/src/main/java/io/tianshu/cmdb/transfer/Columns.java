package io.tianshu.cmdb.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.ProblemKind;
import io.tianshu.platform.TianshuException;

/**
 * The header row resolved to fields. A header names a field by its code, by one of its
 * display names (any case), or as {@code 显示名 (code)}. Unknown, duplicate and missing
 * required headers are refused together, each listed.
 */
final class Columns {

	private static final Pattern WITH_CODE = Pattern.compile(".*[(（]\\s*([A-Za-z][A-Za-z0-9_]*)\\s*[)）]\\s*");

	/** One field a file may carry, with the names its header may have. */
	record Field(String code, List<String> names, boolean required) {
	}

	/** A resolved column: its position, the header as written and the field code. */
	record Column(int index, String header, String field) {
	}

	private final List<Column> columns;

	private final Map<String, Column> byField;

	private Columns(List<Column> columns) {
		this.columns = List.copyOf(columns);
		this.byField = new LinkedHashMap<>();
		for (Column column : columns) {
			this.byField.put(column.field(), column);
		}
	}

	List<Column> list() {
		return this.columns;
	}

	Column column(String field) {
		return this.byField.get(field);
	}

	boolean has(String field) {
		return this.byField.containsKey(field);
	}

	int width() {
		return this.columns.isEmpty() ? 0 : this.columns.get(this.columns.size() - 1).index() + 1;
	}

	static Columns resolve(List<Cell> header, List<Field> fields) {
		return resolve(header, fields, null);
	}

	/**
	 * @param waivedBy a field whose column makes the required columns optional (a file
	 * with CI ids updates CIs, so it need not repeat their required attributes), or
	 * {@code null}
	 */
	static Columns resolve(List<Cell> header, List<Field> fields, String waivedBy) {
		Map<String, Field> byCode = new LinkedHashMap<>();
		Map<String, List<Field>> byName = new LinkedHashMap<>();
		for (Field field : fields) {
			byCode.put(field.code(), field);
			for (String name : field.names()) {
				if (name != null && !name.isBlank()) {
					byName.computeIfAbsent(key(name), (k) -> new ArrayList<>()).add(field);
				}
			}
		}
		List<Column> columns = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		List<String> ambiguous = new ArrayList<>();
		Map<String, List<String>> seen = new LinkedHashMap<>();
		List<FieldViolation> violations = new ArrayList<>();
		boolean any = false;
		for (int i = 0; i < header.size(); i++) {
			String text = header.get(i).text().strip();
			if (text.isEmpty()) {
				continue;
			}
			any = true;
			String where = "column " + XlsxTable.columnName(i);
			Field field = byCode.get(text);
			if (field == null) {
				Matcher m = WITH_CODE.matcher(text);
				if (m.matches()) {
					field = byCode.get(m.group(1));
				}
			}
			if (field == null) {
				List<Field> named = byName.getOrDefault(key(text), List.of());
				if (named.size() > 1) {
					ambiguous.add(text);
					violations.add(new FieldViolation("header", "cmdb.import.header-ambiguous",
							where + " '" + text + "' names several fields: " + named.stream().map(Field::code).toList()
									+ "; use the code"));
					continue;
				}
				field = named.isEmpty() ? null : named.get(0);
			}
			if (field == null) {
				unknown.add(text);
				violations.add(new FieldViolation("header", "cmdb.import.header-unknown",
						where + " '" + text + "' is not a field of this import"));
				continue;
			}
			seen.computeIfAbsent(field.code(), (k) -> new ArrayList<>()).add(text);
			if (seen.get(field.code()).size() == 2) {
				violations.add(new FieldViolation("header", "cmdb.import.header-duplicate",
						"field " + field.code() + " has more than one column: " + seen.get(field.code())));
			}
			if (seen.get(field.code()).size() == 1) {
				columns.add(new Column(i, text, field.code()));
			}
		}
		if (!any) {
			throw ImportFileException.of("cmdb.import.header-missing",
					"The first row must be the header (field codes or names); it is empty");
		}
		List<String> duplicate = seen.entrySet()
			.stream()
			.filter((e) -> e.getValue().size() > 1)
			.map(Map.Entry::getKey)
			.toList();
		List<String> missing = new ArrayList<>();
		for (Field field : fields) {
			if (field.required() && !seen.containsKey(field.code())
					&& (waivedBy == null || !seen.containsKey(waivedBy))) {
				missing.add(field.code());
				violations.add(new FieldViolation("header", "cmdb.import.header-required",
						"required column " + field.code() + " (" + String.join(" / ", field.names()) + ") is missing"));
			}
		}
		if (!violations.isEmpty()) {
			Map<String, Object> params = new LinkedHashMap<>();
			params.put("unknown", unknown);
			params.put("duplicate", duplicate);
			params.put("missing", missing);
			params.put("ambiguous", ambiguous);
			throw new TianshuException(ProblemKind.INVALID, "cmdb.import.headers-invalid",
					describe("unknown", unknown, String::valueOf) + describe("duplicate", duplicate, String::valueOf)
							+ describe("missing required", missing, String::valueOf)
							+ describe("ambiguous", ambiguous, String::valueOf),
					params, violations);
		}
		return new Columns(columns);
	}

	private static String describe(String what, List<String> items, Function<String, String> f) {
		if (items.isEmpty()) {
			return "";
		}
		return "The header row has " + what + " columns: " + items.stream().map(f).toList() + ". ";
	}

	private static String key(String name) {
		return name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
	}

}
