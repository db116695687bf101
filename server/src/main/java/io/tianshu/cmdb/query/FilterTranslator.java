package io.tianshu.cmdb.query;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tianshu.cmdb.AttributeDefinition;
import io.tianshu.cmdb.AttributeType;
import io.tianshu.cmdb.CiModel;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.model.AttributeValues;
import io.tianshu.cmdb.query.Filter.Comparison;
import io.tianshu.cmdb.query.Filter.Field;
import io.tianshu.cmdb.query.Filter.Operator;
import io.tianshu.cmdb.query.Filter.Value;
import io.tianshu.platform.FieldViolation;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a {@link Filter} into one SQL condition on {@code cmdb.ci} rows with every value
 * bound as a parameter. Comparisons are typed by the attribute's type when the model is
 * known ({@code model = host} among the conditions joined by {@code and}, or the search's
 * model); equality is written as JSONB containment ({@code @>}), which the GIN index on
 * {@code attributes} answers. Relation conditions become {@code EXISTS} over
 * {@code cmdb.relation} (indexed by source and by target).
 */
final class FilterTranslator {

	/** What the translator needs to know about models and relation types. */
	interface Catalog {

		Optional<CiModel> model(String code);

		boolean relationType(String code);

		Set<String> relationTypes();

		/** Every attribute code of any model. */
		Set<String> attributeCodes();

	}

	/**
	 * Restricts the CIs of an alias to those the caller may see (adds nothing when all).
	 */
	interface Scope {

		void restrict(String alias, SqlBuffer sql);

	}

	static final Set<String> BUILT_IN = Set.of("name", "model", "state", "owner", "updated", "created", "id");

	private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(\\d{1,6})([mhdw]))?",
			Pattern.CASE_INSENSITIVE);

	private final Catalog catalog;

	private final Scope scope;

	private final JsonMapper json;

	private final ZoneId zone;

	private final Instant now;

	private int aliases;

	private boolean mentionsState;

	FilterTranslator(Catalog catalog, Scope scope, JsonMapper json, ZoneId zone, Instant now) {
		this.catalog = catalog;
		this.scope = scope;
		this.json = json;
		this.zone = zone;
		this.now = now;
	}

	/**
	 * Appends the condition for rows of {@code alias} to {@code sql}.
	 * @param model the model the rows are known to be of, or {@code null}
	 * @return whether the top level of the filter (outside relation conditions) tests
	 * {@code state}
	 */
	boolean translate(Filter filter, String alias, CiModel model, SqlBuffer sql) {
		this.mentionsState = false;
		node(filter, alias, model, sql, true);
		return this.mentionsState;
	}

	private void node(Filter filter, String alias, CiModel model, SqlBuffer sql, boolean top) {
		switch (filter) {
			case Filter.And and -> {
				CiModel known = model;
				for (Filter part : and.parts()) {
					CiModel named = namedModel(part);
					if (named != null) {
						known = named;
					}
				}
				join(and.parts(), " AND ", alias, known, sql, top);
			}
			case Filter.Or or -> join(or.parts(), " OR ", alias, model, sql, top);
			case Filter.Not not -> {
				sql.append("NOT (");
				node(not.part(), alias, model, sql, top);
				sql.append(")");
			}
			case Filter.Related related -> related(related, alias, sql);
			case Comparison comparison -> {
				if (top && isBuiltIn(comparison.field(), "state")) {
					this.mentionsState = true;
				}
				comparison(comparison, alias, model, sql);
			}
			case Filter.Presence presence -> {
				if (top && isBuiltIn(presence.field(), "state")) {
					this.mentionsState = true;
				}
				presence(presence, alias, model, sql);
			}
		}
	}

	private void join(List<Filter> parts, String operator, String alias, CiModel model, SqlBuffer sql, boolean top) {
		sql.append("(");
		for (int i = 0; i < parts.size(); i++) {
			if (i > 0) {
				sql.append(operator);
			}
			node(parts.get(i), alias, model, sql, top);
		}
		sql.append(")");
	}

	/** The model a part of an {@code and} names with {@code model = x}, else null. */
	private CiModel namedModel(Filter part) {
		if (part instanceof Comparison c && isBuiltIn(c.field(), "model") && c.operator() == Operator.EQ) {
			return requireModel(c.values().get(0));
		}
		return null;
	}

	private CiModel requireModel(Value value) {
		return this.catalog.model(value.text())
			.orElseThrow(() -> FilterException.at(value.span(), "cmdb.filter.unknown-model",
					"There is no model '" + value.text() + "'"));
	}

	private static boolean isBuiltIn(Field field, String name) {
		return !field.attributeOnly() && field.path().size() == 1 && field.first().equalsIgnoreCase(name);
	}

	// relation conditions

	private void related(Filter.Related related, String alias, SqlBuffer sql) {
		for (int i = 0; i < related.types().size(); i++) {
			String type = related.types().get(i);
			if (!this.catalog.relationType(type)) {
				throw FilterException.at(related.typeSpans().get(i), "cmdb.filter.unknown-relation-type",
						"There is no relation type '" + type + "'; known: "
								+ String.join(", ", new java.util.TreeSet<>(this.catalog.relationTypes())));
			}
		}
		switch (related.direction()) {
			case OUT -> exists(related, alias, true, sql);
			case IN -> exists(related, alias, false, sql);
			case BOTH -> {
				sql.append("(");
				exists(related, alias, true, sql);
				sql.append(" OR ");
				exists(related, alias, false, sql);
				sql.append(")");
			}
		}
	}

	private void exists(Filter.Related related, String alias, boolean outgoing, SqlBuffer sql) {
		int n = ++this.aliases;
		String r = "r" + n;
		String c = "c" + n;
		sql.append("EXISTS (SELECT 1 FROM cmdb.relation ")
			.append(r)
			.append(" JOIN cmdb.ci ")
			.append(c)
			.append(" ON ")
			.append(c)
			.append(".id = ")
			.append(r)
			.append(outgoing ? ".target_id" : ".source_id")
			.append(" WHERE ")
			.append(r)
			.append(outgoing ? ".source_id = " : ".target_id = ")
			.append(alias)
			.append(".id");
		if (!related.types().isEmpty()) {
			sql.append(" AND ").append(r).append(".type_code IN (").append(sql.bind(related.types())).append(")");
		}
		this.scope.restrict(c, sql);
		sql.append(" AND ");
		boolean saved = this.mentionsState;
		node(related.filter(), c, null, sql, false);
		this.mentionsState = saved;
		sql.append(")");
	}

	// presence

	private void presence(Filter.Presence presence, String alias, CiModel model, SqlBuffer sql) {
		Field field = presence.field();
		boolean exists = presence.kind() == Filter.Presence.Kind.EXISTS;
		boolean holds = exists != presence.negated();
		if (!field.attributeOnly() && field.path().size() == 1 && BUILT_IN.contains(field.first())) {
			String sqlText = switch (field.first()) {
				case "owner" -> alias + ".owner_team_id IS " + (holds == exists ? "NOT NULL" : "NULL");
				// the other built-in fields always have a value
				default -> (holds == exists) ? "TRUE" : "FALSE";
			};
			sql.append(sqlText);
			return;
		}
		attribute(field, model);
		String path = sql.bind(path(field));
		if (exists) {
			sql.append(presence.negated() ? "NOT " : "")
				.append("(coalesce(jsonb_typeof(")
				.append(alias)
				.append(".attributes #> CAST(")
				.append(path)
				.append(" AS text[])), 'null') <> 'null')");
		}
		else {
			sql.append(presence.negated() ? "NOT " : "")
				.append("(coalesce(")
				.append(alias)
				.append(".attributes #>> CAST(")
				.append(path)
				.append(" AS text[]), '') IN ('', '[]', '{}'))");
		}
	}

	// comparisons

	private void comparison(Comparison comparison, String alias, CiModel model, SqlBuffer sql) {
		Field field = comparison.field();
		if (!field.attributeOnly() && field.path().size() == 1 && BUILT_IN.contains(field.first())) {
			builtIn(comparison, alias, sql);
			return;
		}
		AttributeDefinition attribute = attribute(field, model);
		AttributeType type = (attribute != null && field.path().size() == 1) ? attribute.type() : null;
		Operator op = comparison.operator();
		switch (op) {
			case EQ -> equal(alias, field, attribute, type, comparison.values().get(0), sql);
			case NE -> {
				present(alias, field, sql);
				sql.append(" AND NOT ");
				equal(alias, field, attribute, type, comparison.values().get(0), sql);
			}
			case IN -> anyOf(alias, field, attribute, type, comparison.values(), sql);
			case NOT_IN -> {
				present(alias, field, sql);
				sql.append(" AND NOT ");
				anyOf(alias, field, attribute, type, comparison.values(), sql);
			}
			case LIKE, NOT_LIKE -> {
				if (type != null && type != AttributeType.STRING && type != AttributeType.TEXT
						&& type != AttributeType.URL && type != AttributeType.ENUM && type != AttributeType.IP
						&& type != AttributeType.REFERENCE) {
					throw operatorInvalid(comparison, attribute);
				}
				if (op == Operator.NOT_LIKE) {
					present(alias, field, sql);
					sql.append(" AND NOT ");
				}
				sql.append("(lower(")
					.append(text(alias, field, sql))
					.append(") LIKE ")
					.append(sql.bind(glob(comparison.values().get(0).text())))
					.append(")");
			}
			default -> ordering(comparison, alias, field, attribute, type, sql);
		}
	}

	private void ordering(Comparison comparison, String alias, Field field, AttributeDefinition attribute,
			AttributeType type, SqlBuffer sql) {
		Value value = comparison.values().get(0);
		String op = comparison.operator().symbol;
		if (type == null) {
			BigDecimal number = number(value.text());
			if (number != null) {
				sql.append("(CASE WHEN jsonb_typeof(")
					.append(json(alias, field, sql))
					.append(") = 'number' THEN CAST(")
					.append(text(alias, field, sql))
					.append(" AS numeric) END ")
					.append(op)
					.append(" ")
					.append(sql.bind(number))
					.append(")");
			}
			else {
				sql.append("(").append(text(alias, field, sql)).append(" ").append(op).append(" ");
				sql.append(sql.bind(value.text())).append(")");
			}
			return;
		}
		switch (type) {
			case INT, DECIMAL -> {
				BigDecimal number = number(value.text());
				if (number == null) {
					throw valueInvalid(value, attribute, "a number");
				}
				sql.append("(CASE WHEN jsonb_typeof(")
					.append(json(alias, field, sql))
					.append(") = 'number' THEN CAST(")
					.append(text(alias, field, sql))
					.append(" AS numeric) END ")
					.append(op)
					.append(" ")
					.append(sql.bind(number))
					.append(")");
			}
			case DATE -> {
				LocalDate date = date(value, attribute);
				// ISO dates order as text; the pattern keeps anything else out
				String text = text(alias, field, sql);
				sql.append("(").append(text).append(" ~ '^\\d{4}-\\d{2}-\\d{2}$' AND ").append(text);
				sql.append(" ").append(op).append(" ").append(sql.bind(date.toString())).append(")");
			}
			case DATETIME -> {
				instant("cmdb.try_timestamptz(" + text(alias, field, sql) + ")", comparison.operator(), value,
						attribute, sql);
			}
			case IP -> {
				String ip = checked(AttributeType.IP, value, attribute);
				sql.append("(cmdb.try_inet(").append(text(alias, field, sql)).append(") ").append(op);
				sql.append(" CAST(").append(sql.bind(ip)).append(" AS inet))");
			}
			case STRING, TEXT, ENUM, URL -> {
				sql.append("(").append(text(alias, field, sql)).append(" ").append(op).append(" ");
				sql.append(sql.bind(value.text())).append(")");
			}
			default -> throw operatorInvalid(comparison, attribute);
		}
	}

	/** One of the values: equality, or subnet containment for CIDR values of ip/cidr. */
	private void anyOf(String alias, Field field, AttributeDefinition attribute, AttributeType type, List<Value> values,
			SqlBuffer sql) {
		sql.append("(");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				sql.append(" OR ");
			}
			Value value = values.get(i);
			if ((type == AttributeType.IP || type == AttributeType.CIDR) && value.text().contains("/")) {
				String cidr = checked(AttributeType.CIDR, value, attribute);
				sql.append("(cmdb.try_inet(").append(text(alias, field, sql)).append(") <<= CAST(");
				sql.append(sql.bind(cidr)).append(" AS cidr))");
			}
			else {
				equal(alias, field, attribute, type, value, sql);
			}
		}
		sql.append(")");
	}

	private void equal(String alias, Field field, AttributeDefinition attribute, AttributeType type, Value value,
			SqlBuffer sql) {
		List<Object> forms = new ArrayList<>();
		if (type == null) {
			// untyped: the value as any JSON it could be stored as
			forms.add(value.text());
			BigDecimal number = number(value.text());
			if (number != null) {
				forms.add(number);
			}
			if (value.text().equalsIgnoreCase("true") || value.text().equalsIgnoreCase("false")) {
				forms.add(Boolean.valueOf(value.text().toLowerCase(Locale.ROOT)));
			}
			forms.add(List.of(value.text()));
		}
		else {
			switch (type) {
				case INT -> {
					BigDecimal number = number(value.text());
					if (number == null || number.stripTrailingZeros().scale() > 0) {
						throw valueInvalid(value, attribute, "a whole number");
					}
					forms.add(number.longValueExact());
				}
				case DECIMAL -> {
					BigDecimal number = number(value.text());
					if (number == null) {
						throw valueInvalid(value, attribute, "a number");
					}
					forms.add(number);
				}
				case BOOL -> forms.add(bool(value, attribute));
				case ENUM -> {
					if (!attribute.enumValues().contains(value.text())) {
						throw FilterException.at(value.span(), "cmdb.filter.value-invalid",
								"'" + value.text() + "' is not a value of " + attribute.code() + " (" + attribute.name()
										+ "); allowed: " + String.join(", ", attribute.enumValues()));
					}
					forms.add(value.text());
				}
				case DATE -> forms.add(date(value, attribute).toString());
				case DATETIME -> {
					instant("cmdb.try_timestamptz(" + text(alias, field, sql) + ")", Operator.EQ, value, attribute,
							sql);
					return;
				}
				case IP -> forms.add(checked(AttributeType.IP, value, attribute));
				case CIDR -> forms.add(checked(AttributeType.CIDR, value, attribute));
				case REFERENCE -> forms.add(uuid(value).toString());
				case LIST -> {
					AttributeType item = (attribute.itemType() != null) ? attribute.itemType() : AttributeType.STRING;
					Object element = switch (item) {
						case INT, DECIMAL -> {
							BigDecimal number = number(value.text());
							if (number == null) {
								throw valueInvalid(value, attribute, "a number");
							}
							yield number;
						}
						case BOOL -> bool(value, attribute);
						default -> value.text();
					};
					forms.add(List.of(element));
				}
				default -> forms.add(value.text());
			}
		}
		sql.append("(");
		for (int i = 0; i < forms.size(); i++) {
			if (i > 0) {
				sql.append(" OR ");
			}
			sql.append(alias)
				.append(".attributes @> CAST(")
				.append(sql.bind(containment(field, forms.get(i))))
				.append(" AS jsonb)");
		}
		sql.append(")");
	}

	private void present(String alias, Field field, SqlBuffer sql) {
		sql.append("(").append(json(alias, field, sql)).append(" IS NOT NULL)");
	}

	private String containment(Field field, Object value) {
		Object nested = value;
		List<String> path = field.path();
		for (int i = path.size() - 1; i >= 0; i--) {
			Map<String, Object> level = new LinkedHashMap<>();
			level.put(path.get(i), nested);
			nested = level;
		}
		return this.json.writeValueAsString(nested);
	}

	private String json(String alias, Field field, SqlBuffer sql) {
		return alias + ".attributes #> CAST(" + sql.bind(path(field)) + " AS text[])";
	}

	private String text(String alias, Field field, SqlBuffer sql) {
		return alias + ".attributes #>> CAST(" + sql.bind(path(field)) + " AS text[])";
	}

	/** A Postgres text[] literal of the path; segments are [A-Za-z0-9_] only. */
	private static String path(Field field) {
		return "{" + String.join(",", field.path()) + "}";
	}

	/**
	 * The attribute a field names in the model, or {@code null} when the model is not
	 * known (then some model must have the attribute).
	 */
	private AttributeDefinition attribute(Field field, CiModel model) {
		String code = field.first();
		if (model == null) {
			if (!this.catalog.attributeCodes().contains(code)) {
				throw FilterException.at(field.span(), "cmdb.filter.unknown-attribute", "No model has an attribute '"
						+ code + "'; built-in fields: " + String.join(", ", new java.util.TreeSet<>(BUILT_IN)));
			}
			return null;
		}
		AttributeDefinition attribute = model.attribute(code)
			.orElseThrow(() -> FilterException.at(field.span(), "cmdb.filter.unknown-attribute",
					"Model " + model.code() + " (" + model.name() + ") has no attribute '" + code + "'; it has "
							+ String.join(", ", model.attributes().stream().map(AttributeDefinition::code).toList())));
		if (field.path().size() > 1 && attribute.type() != AttributeType.JSON) {
			throw FilterException.at(field.span(), "cmdb.filter.unknown-attribute", "Attribute " + code + " is "
					+ attribute.type().name().toLowerCase(Locale.ROOT) + "; only json attributes have sub-fields");
		}
		return attribute;
	}

	// built-in fields

	private void builtIn(Comparison comparison, String alias, SqlBuffer sql) {
		String name = comparison.field().first().toLowerCase(Locale.ROOT);
		Operator op = comparison.operator();
		switch (name) {
			case "name" -> {
				if (op == Operator.LIKE || op == Operator.NOT_LIKE) {
					sql.append((op == Operator.NOT_LIKE) ? "NOT " : "").append("(lower(").append(alias);
					sql.append(".name) LIKE ").append(sql.bind(glob(comparison.values().get(0).text()))).append(")");
				}
				else {
					column(alias + ".name", comparison, comparison.values().stream().map(Value::text).toList(), sql);
				}
			}
			case "model" -> {
				if (op == Operator.LIKE || op == Operator.NOT_LIKE) {
					sql.append((op == Operator.NOT_LIKE) ? "NOT " : "").append("(").append(alias);
					sql.append(".model_code LIKE ").append(sql.bind(glob(comparison.values().get(0).text())));
					sql.append(")");
					return;
				}
				requireEquality(comparison);
				column(alias + ".model_code", comparison,
						comparison.values().stream().map((v) -> requireModel(v).code()).toList(), sql);
			}
			case "state" -> {
				requireEquality(comparison);
				column(alias + ".state", comparison, comparison.values().stream().map(this::state).toList(), sql);
			}
			case "owner", "id" -> {
				requireEquality(comparison);
				column(alias + (name.equals("id") ? ".id" : ".owner_team_id"), comparison,
						comparison.values().stream().map(FilterTranslator::uuid).toList(), sql);
			}
			default -> {
				String column = alias + (name.equals("updated") ? ".updated_at" : ".created_at");
				if (op == Operator.IN || op == Operator.NOT_IN || op == Operator.LIKE || op == Operator.NOT_LIKE) {
					throw operatorInvalid(comparison, null);
				}
				instant(column, op, comparison.values().get(0), null, sql);
			}
		}
	}

	private void column(String column, Comparison comparison, List<?> values, SqlBuffer sql) {
		Operator op = comparison.operator();
		switch (op) {
			case IN, NOT_IN -> sql.append("(")
				.append(column)
				.append((op == Operator.IN) ? " IN (" : " NOT IN (")
				.append(sql.bind(List.copyOf(values)))
				.append("))");
			case EQ, NE, LT, LE, GT,
					GE ->
				sql.append("(")
					.append(column)
					.append(" ")
					.append((op == Operator.NE) ? "<>" : op.symbol)
					.append(" ")
					.append(sql.bind(values.get(0)))
					.append(")");
			default -> throw operatorInvalid(comparison, null);
		}
	}

	private static void requireEquality(Comparison comparison) {
		Operator op = comparison.operator();
		if (op != Operator.EQ && op != Operator.NE && op != Operator.IN && op != Operator.NOT_IN) {
			throw operatorInvalid(comparison, null);
		}
	}

	private String state(Value value) {
		String text = value.text().strip();
		String state = switch (text) {
			case "规划中" -> "PLANNED";
			case "使用中" -> "IN_USE";
			case "维护中" -> "MAINTENANCE";
			case "已下线" -> "RETIRED";
			default -> text.toUpperCase(Locale.ROOT).replace('-', '_');
		};
		try {
			return LifecycleState.valueOf(state).name();
		}
		catch (IllegalArgumentException ex) {
			throw FilterException.at(value.span(), "cmdb.filter.value-invalid", "'" + text
					+ "' is not a lifecycle state; allowed: planned, in_use, maintenance, retired (规划中, 使用中, 维护中, 已下线)");
		}
	}

	/**
	 * {@code operand op value} for instants: a date means the whole day in the server's
	 * zone ({@code = 2025-10-09} is that day, {@code > 2025-10-09} after it),
	 * {@code now}, {@code now-7d} (m, h, d, w) or an ISO time.
	 */
	private void instant(String operand, Operator op, Value value, AttributeDefinition attribute, SqlBuffer sql) {
		Instant[] range = instantRange(value, attribute);
		String start = sql.bind(Timestamp.from(range[0]));
		String end = (range[1] != null) ? sql.bind(Timestamp.from(range[1])) : null;
		String condition = switch (op) {
			case EQ ->
				(end != null) ? operand + " >= " + start + " AND " + operand + " < " + end : operand + " = " + start;
			case NE -> (end != null) ? "(" + operand + " < " + start + " OR " + operand + " >= " + end + ")"
					: operand + " <> " + start;
			case LT -> operand + " < " + start;
			case GE -> operand + " >= " + start;
			case GT -> (end != null) ? operand + " >= " + end : operand + " > " + start;
			case LE -> (end != null) ? operand + " < " + end : operand + " <= " + start;
			default -> throw FilterException.at(value.span(), "cmdb.filter.operator-invalid",
					"Times compare with =, !=, <, <=, > and >=");
		};
		sql.append("(").append(condition).append(")");
	}

	private Instant[] instantRange(Value value, AttributeDefinition attribute) {
		String text = value.text().strip();
		Matcher relative = RELATIVE.matcher(text);
		if (relative.matches()) {
			if (relative.group(1) == null) {
				return new Instant[] { this.now, null };
			}
			long amount = Long.parseLong(relative.group(2));
			Duration unit = switch (relative.group(3).toLowerCase(Locale.ROOT)) {
				case "m" -> Duration.ofMinutes(1);
				case "h" -> Duration.ofHours(1);
				case "d" -> Duration.ofDays(1);
				default -> Duration.ofDays(7);
			};
			Duration offset = unit.multipliedBy(amount);
			return new Instant[] { relative.group(1).equals("-") ? this.now.minus(offset) : this.now.plus(offset),
					null };
		}
		try {
			LocalDate date = LocalDate.parse(text);
			return new Instant[] { date.atStartOfDay(this.zone).toInstant(),
					date.plusDays(1).atStartOfDay(this.zone).toInstant() };
		}
		catch (DateTimeParseException ex) {
			// not a date: try the forms with a time
		}
		try {
			return new Instant[] { OffsetDateTime.parse(text).toInstant(), null };
		}
		catch (DateTimeParseException ex) {
			// without offset: the server's zone
		}
		try {
			return new Instant[] { LocalDateTime.parse(text).atZone(this.zone).toInstant(), null };
		}
		catch (DateTimeParseException ex) {
			throw valueInvalid(value, attribute,
					"a date (2025-10-09), a time (2025-10-09T10:00:00+08:00) or now-7d (m, h, d, w)");
		}
	}

	// values

	private static LocalDate date(Value value, AttributeDefinition attribute) {
		try {
			return LocalDate.parse(value.text().strip());
		}
		catch (DateTimeParseException ex) {
			throw valueInvalid(value, attribute, "a date (yyyy-MM-dd)");
		}
	}

	private static boolean bool(Value value, AttributeDefinition attribute) {
		return switch (value.text().strip().toLowerCase(Locale.ROOT)) {
			case "true", "yes", "是" -> true;
			case "false", "no", "否" -> false;
			default -> throw valueInvalid(value, attribute, "true or false");
		};
	}

	private static String checked(AttributeType type, Value value, AttributeDefinition attribute) {
		List<FieldViolation> violations = new ArrayList<>();
		Object checked = AttributeValues.check(AttributeDefinition.of("value", "value", type), value.text().strip(),
				"value", violations);
		if (checked == null) {
			throw valueInvalid(value, attribute, (type == AttributeType.IP) ? "an IP address (10.1.2.3)"
					: "a network with prefix length (10.1.0.0/16)");
		}
		return (String) checked;
	}

	private static UUID uuid(Value value) {
		try {
			return UUID.fromString(value.text().strip());
		}
		catch (IllegalArgumentException ex) {
			throw FilterException.at(value.span(), "cmdb.filter.value-invalid",
					"'" + value.text() + "' is not an id (a UUID)");
		}
	}

	private static BigDecimal number(String text) {
		try {
			return new BigDecimal(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * A LIKE pattern, lower-cased: {@code *} any characters, {@code ?} one; without a
	 * wildcard the value is a prefix.
	 */
	static String glob(String value) {
		String lower = value.toLowerCase(Locale.ROOT);
		StringBuilder pattern = new StringBuilder();
		boolean wildcard = false;
		for (char c : lower.toCharArray()) {
			switch (c) {
				case '\\', '%', '_' -> pattern.append('\\').append(c);
				case '*' -> {
					pattern.append('%');
					wildcard = true;
				}
				case '?' -> {
					pattern.append('_');
					wildcard = true;
				}
				default -> pattern.append(c);
			}
		}
		if (!wildcard) {
			pattern.append('%');
		}
		return pattern.toString();
	}

	private static FilterException valueInvalid(Value value, AttributeDefinition attribute, String expected) {
		String what = (attribute != null) ? attribute.code() + " (" + attribute.name() + ", "
				+ attribute.type().name().toLowerCase(Locale.ROOT) + ")" : "this field";
		return FilterException.at(value.span(), "cmdb.filter.value-invalid",
				"'" + value.text() + "' cannot be compared with " + what + "; expected " + expected);
	}

	private static FilterException operatorInvalid(Comparison comparison, AttributeDefinition attribute) {
		String what = (attribute != null)
				? "attribute " + attribute.code() + " (" + attribute.type().name().toLowerCase(Locale.ROOT) + ")"
				: "field " + comparison.field().text();
		return FilterException.at(comparison.operatorSpan(), "cmdb.filter.operator-invalid",
				"The operator " + comparison.operator().symbol + " does not apply to " + what);
	}

}
