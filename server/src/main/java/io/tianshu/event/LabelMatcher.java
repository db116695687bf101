package io.tianshu.event;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tianshu.platform.TianshuException;

/**
 * An Alertmanager-style label matcher: {@code name=value}, {@code name!=value},
 * {@code name=~regex}, {@code name!~regex}. Regexes are anchored (fully matched), as in
 * Alertmanager; a missing label matches as the empty string.
 */
public record LabelMatcher(String name, Op op, String value) {

	private static final Pattern SYNTAX = Pattern.compile("\\s*([^=!~\\s]+)\\s*(=~|!~|!=|=)\\s*\"?(.*?)\"?\\s*");

	public LabelMatcher {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(op, "op");
		value = (value != null) ? value : "";
		if (op == Op.REGEX || op == Op.NOT_REGEX) {
			compile(value);
		}
	}

	/**
	 * Parses {@code name<op>value}; 422 {@code event.matcher.invalid} when it is not one.
	 */
	public static LabelMatcher parse(String text) {
		Matcher m = SYNTAX.matcher((text != null) ? text : "");
		if (!m.matches()) {
			throw TianshuException.invalidField("matcher", "event.matcher.invalid",
					"Not a label matcher (name=value, name!=value, name=~regex, name!~regex): " + text);
		}
		Op op = switch (m.group(2)) {
			case "=" -> Op.EQUAL;
			case "!=" -> Op.NOT_EQUAL;
			case "=~" -> Op.REGEX;
			default -> Op.NOT_REGEX;
		};
		return new LabelMatcher(m.group(1), op, m.group(3));
	}

	public boolean matches(Map<String, String> labels) {
		String actual = labels.getOrDefault(this.name, "");
		return switch (this.op) {
			case EQUAL -> actual.equals(this.value);
			case NOT_EQUAL -> !actual.equals(this.value);
			case REGEX -> compile(this.value).matcher(actual).matches();
			case NOT_REGEX -> !compile(this.value).matcher(actual).matches();
		};
	}

	private static Pattern compile(String regex) {
		try {
			return Pattern.compile(regex);
		}
		catch (RuntimeException ex) {
			throw TianshuException.invalidField("matcher", "event.matcher.regex-invalid",
					"Not a valid regular expression: " + regex);
		}
	}

	@Override
	public String toString() {
		return this.name + this.op.symbol + this.value;
	}

	public enum Op {

		EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

		private final String symbol;

		Op(String symbol) {
			this.symbol = symbol;
		}

		public String symbol() {
			return this.symbol;
		}

	}

}
