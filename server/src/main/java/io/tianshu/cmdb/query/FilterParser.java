package io.tianshu.cmdb.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.tianshu.cmdb.query.Filter.Direction;
import io.tianshu.cmdb.query.Filter.Field;
import io.tianshu.cmdb.query.Filter.Operator;
import io.tianshu.cmdb.query.Filter.Span;
import io.tianshu.cmdb.query.Filter.Value;

/**
 * A hand-written recursive-descent parser of the CI filter language (see
 * {@code docs/cmdb-filter-language.md}):
 *
 * <pre>
 * filter    = or EOF
 * or        = and { "or" and }
 * and       = unary { "and" unary }
 * unary     = "not" unary | "(" or ")" | arrow "(" or ")" | condition
 * arrow     = "-[" types "]->" | "&lt;-[" types "]-" | "-[" types "]-" | "-&gt;" | "&lt;-"
 * types     = type { "|" type }
 * condition = field ( op value | ["not"] "in" list | ["not"] "exists" | "is" ["not"] "empty" )
 * op        = "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "~" | "!~"
 * list      = "(" value { "," value } ")" | value
 * value     = quoted string | bare word
 * </pre>
 *
 * Keywords are case-insensitive. Every error names the position and what was expected.
 */
public final class FilterParser {

	/** The longest filter accepted, in characters. */
	public static final int MAX_LENGTH = 4_000;

	/** The most conditions (comparisons, presence tests and relation conditions). */
	public static final int MAX_CONDITIONS = 64;

	/** How deeply relation conditions may nest. */
	public static final int MAX_RELATION_DEPTH = 4;

	private static final int MAX_NESTING = 32;

	private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");

	private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*");

	private static final String WORD_STOP = "()[],\"'=!<>~|";

	private final String text;

	private final List<Token> tokens;

	private int index;

	private int conditions;

	private int relationDepth;

	private int nesting;

	private FilterParser(String text) {
		this.text = text;
		this.tokens = lex(text);
	}

	/** Parses the filter; throws {@link FilterException} with the position on error. */
	public static Filter parse(String text) {
		if (text.length() > MAX_LENGTH) {
			throw new FilterException("cmdb.filter.too-long",
					"The filter is longer than " + MAX_LENGTH + " characters; split the search", MAX_LENGTH,
					text.length() - MAX_LENGTH, List.of(), null);
		}
		FilterParser parser = new FilterParser(text);
		if (parser.peek().kind == Kind.EOF) {
			throw parser.expected(List.of("a condition such as model = host"));
		}
		Filter filter = parser.or();
		if (parser.peek().kind != Kind.EOF) {
			throw parser.expected(List.of("and", "or", "end of filter"));
		}
		return filter;
	}

	private Filter or() {
		List<Filter> parts = new ArrayList<>();
		parts.add(and());
		while (isKeyword(peek(), "or")) {
			this.index++;
			parts.add(and());
		}
		return (parts.size() == 1) ? parts.get(0) : new Filter.Or(parts);
	}

	private Filter and() {
		List<Filter> parts = new ArrayList<>();
		parts.add(unary());
		while (isKeyword(peek(), "and")) {
			this.index++;
			parts.add(unary());
		}
		return (parts.size() == 1) ? parts.get(0) : new Filter.And(parts);
	}

	private Filter unary() {
		Token token = peek();
		if (isKeyword(token, "not")) {
			this.index++;
			return new Filter.Not(unary());
		}
		if (token.kind == Kind.LPAREN) {
			this.index++;
			Filter inner = nested(this::or);
			expect(Kind.RPAREN, "')'");
			return inner;
		}
		if (token.kind == Kind.ARROW) {
			return related();
		}
		if (token.kind == Kind.WORD) {
			return condition();
		}
		throw expected(List.of("a field", "'('", "not", "a relation arrow such as -[runs_on]->"));
	}

	private Filter nested(java.util.function.Supplier<Filter> inner) {
		if (++this.nesting > MAX_NESTING) {
			throw error(peek(), "cmdb.filter.too-complex", "Parentheses nest deeper than " + MAX_NESTING + " levels",
					List.of());
		}
		try {
			return inner.get();
		}
		finally {
			this.nesting--;
		}
	}

	private Filter related() {
		Token arrow = next();
		count(arrow);
		if (this.relationDepth >= MAX_RELATION_DEPTH) {
			throw error(arrow, "cmdb.filter.too-complex",
					"Relation conditions nest deeper than " + MAX_RELATION_DEPTH + " levels", List.of());
		}
		expect(Kind.LPAREN, "'(' with the filter the related CI must match");
		this.relationDepth++;
		Filter inner;
		try {
			inner = nested(this::or);
		}
		finally {
			this.relationDepth--;
		}
		expect(Kind.RPAREN, "')'");
		return new Filter.Related(arrow.direction, arrow.types, span(arrow), arrow.typeSpans, inner);
	}

	private Filter condition() {
		Token fieldToken = next();
		if (!FIELD.matcher(fieldToken.text).matches() || isReserved(fieldToken.text)) {
			throw error(fieldToken, "cmdb.filter.syntax",
					"'" + fieldToken.text + "' is not a field name (letters, digits, _ and . for paths)",
					List.of("a field"));
		}
		count(fieldToken);
		Field field = field(fieldToken);
		Token token = peek();
		if (token.kind == Kind.OP) {
			this.index++;
			Operator operator = switch (token.text) {
				case "=" -> Operator.EQ;
				case "!=" -> Operator.NE;
				case "<" -> Operator.LT;
				case "<=" -> Operator.LE;
				case ">" -> Operator.GT;
				case ">=" -> Operator.GE;
				case "~" -> Operator.LIKE;
				default -> Operator.NOT_LIKE;
			};
			return new Filter.Comparison(field, operator, span(token), List.of(value()));
		}
		if (isKeyword(token, "in")) {
			this.index++;
			return new Filter.Comparison(field, Operator.IN, span(token), list());
		}
		if (isKeyword(token, "exists")) {
			this.index++;
			return new Filter.Presence(field, Filter.Presence.Kind.EXISTS, false);
		}
		if (isKeyword(token, "not")) {
			this.index++;
			Token after = peek();
			if (isKeyword(after, "in")) {
				this.index++;
				return new Filter.Comparison(field, Operator.NOT_IN,
						new Span(token.position, after.position + after.length - token.position), list());
			}
			if (isKeyword(after, "exists")) {
				this.index++;
				return new Filter.Presence(field, Filter.Presence.Kind.EXISTS, true);
			}
			throw expected(List.of("in", "exists"));
		}
		if (isKeyword(token, "is")) {
			this.index++;
			boolean negated = false;
			if (isKeyword(peek(), "not")) {
				this.index++;
				negated = true;
			}
			if (!isKeyword(peek(), "empty")) {
				throw expected(negated ? List.of("empty") : List.of("empty", "not"));
			}
			this.index++;
			return new Filter.Presence(field, Filter.Presence.Kind.EMPTY, negated);
		}
		throw expected(List.of("=", "!=", "<", "<=", ">", ">=", "~", "!~", "in", "not in", "exists", "is empty"));
	}

	private static Field field(Token token) {
		String text = token.text;
		boolean attributeOnly = false;
		String path = text;
		if (text.startsWith("a.") && text.length() > 2) {
			attributeOnly = true;
			path = text.substring(2);
		}
		return new Field(text, List.of(path.split("\\.")), attributeOnly, span(token));
	}

	private List<Value> list() {
		if (peek().kind != Kind.LPAREN) {
			return List.of(value());
		}
		this.index++;
		List<Value> values = new ArrayList<>();
		values.add(value());
		while (peek().kind == Kind.COMMA) {
			this.index++;
			values.add(value());
		}
		expect(Kind.RPAREN, "',' or ')'");
		if (values.size() > 500) {
			throw error(this.tokens.get(this.index - 1), "cmdb.filter.too-complex", "A list has more than 500 values",
					List.of());
		}
		return values;
	}

	private Value value() {
		Token token = peek();
		if (token.kind == Kind.STRING || token.kind == Kind.WORD) {
			this.index++;
			return new Value(token.text, token.kind == Kind.STRING, span(token));
		}
		throw expected(List.of("a value (a word or a \"quoted string\")"));
	}

	private void count(Token token) {
		if (++this.conditions > MAX_CONDITIONS) {
			throw error(token, "cmdb.filter.too-complex", "The filter has more than " + MAX_CONDITIONS + " conditions",
					List.of());
		}
	}

	private Token expect(Kind kind, String description) {
		if (peek().kind != kind) {
			throw expected(List.of(description));
		}
		return next();
	}

	private Token peek() {
		return this.tokens.get(this.index);
	}

	private Token next() {
		return this.tokens.get(this.index++);
	}

	private FilterException expected(List<String> expected) {
		Token found = peek();
		String what = describe(found);
		return error(found, "cmdb.filter.syntax", "Expected " + String.join(" or ", expected) + " but found " + what,
				expected);
	}

	private FilterException error(Token at, String code, String message, List<String> expected) {
		return new FilterException(code, message + " at column " + (at.position + 1), at.position, at.length, expected,
				describe(at));
	}

	private static String describe(Token token) {
		return switch (token.kind) {
			case EOF -> "the end of the filter";
			case STRING -> "\"" + token.text + "\"";
			default -> "'" + token.raw + "'";
		};
	}

	private static Span span(Token token) {
		return new Span(token.position, token.length);
	}

	private static boolean isKeyword(Token token, String keyword) {
		return token.kind == Kind.WORD && token.text.equalsIgnoreCase(keyword);
	}

	private static boolean isReserved(String word) {
		return switch (word.toLowerCase(Locale.ROOT)) {
			case "and", "or", "not", "in", "exists", "is", "empty" -> true;
			default -> false;
		};
	}

	// lexer

	private enum Kind {

		WORD, STRING, LPAREN, RPAREN, COMMA, OP, ARROW, EOF

	}

	private record Token(Kind kind, String text, String raw, int position, int length, Direction direction,
			List<String> types, List<Span> typeSpans) {

		static Token of(Kind kind, String text, String raw, int position) {
			return new Token(kind, text, raw, position, raw.length(), null, List.of(), List.of());
		}

	}

	private static List<Token> lex(String text) {
		List<Token> tokens = new ArrayList<>();
		int i = 0;
		int n = text.length();
		while (i < n) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
				continue;
			}
			if (c == '(' || c == ')' || c == ',') {
				tokens.add(Token.of((c == '(') ? Kind.LPAREN : (c == ')') ? Kind.RPAREN : Kind.COMMA, String.valueOf(c),
						String.valueOf(c), i));
				i++;
				continue;
			}
			if (c == '"' || c == '\'') {
				i = string(text, i, tokens);
				continue;
			}
			if (c == '-' && i + 1 < n && (text.charAt(i + 1) == '[' || text.charAt(i + 1) == '>')) {
				i = arrow(text, i, false, tokens);
				continue;
			}
			if (c == '<' && i + 1 < n && text.charAt(i + 1) == '-' && (i + 2 >= n || text.charAt(i + 2) == '['
					|| text.charAt(i + 2) == '(' || Character.isWhitespace(text.charAt(i + 2)))) {
				i = arrow(text, i, true, tokens);
				continue;
			}
			if (c == '=' || c == '<' || c == '>' || c == '~' || c == '!') {
				String op;
				if ((c == '<' || c == '>' || c == '!') && i + 1 < n && text.charAt(i + 1) == '=') {
					op = c + "=";
				}
				else if (c == '!' && i + 1 < n && text.charAt(i + 1) == '~') {
					op = "!~";
				}
				else if (c == '!') {
					throw new FilterException("cmdb.filter.syntax",
							"Expected != or !~ at column " + (i + 1) + "; write 'not' to negate a condition", i, 1,
							List.of("!=", "!~"), "'!'");
				}
				else if (c == '=' && i + 1 < n && text.charAt(i + 1) == '=') {
					op = "=";
					tokens.add(Token.of(Kind.OP, op, "==", i));
					i += 2;
					continue;
				}
				else {
					op = String.valueOf(c);
				}
				tokens.add(Token.of(Kind.OP, op, op, i));
				i += op.length();
				continue;
			}
			if (WORD_STOP.indexOf(c) >= 0) {
				throw new FilterException("cmdb.filter.syntax",
						"Unexpected '" + c + "' at column " + (i + 1) + "; quote values that contain it", i, 1,
						List.of(), "'" + c + "'");
			}
			int start = i;
			while (i < n && !Character.isWhitespace(text.charAt(i)) && WORD_STOP.indexOf(text.charAt(i)) < 0) {
				i++;
			}
			String word = text.substring(start, i);
			tokens.add(Token.of(Kind.WORD, word, word, start));
		}
		tokens.add(new Token(Kind.EOF, "", "", n, 1, null, List.of(), List.of()));
		return tokens;
	}

	private static int string(String text, int start, List<Token> tokens) {
		char quote = text.charAt(start);
		StringBuilder value = new StringBuilder();
		int i = start + 1;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				value.append(text.charAt(i + 1));
				i += 2;
				continue;
			}
			if (c == quote) {
				String raw = text.substring(start, i + 1);
				tokens.add(
						new Token(Kind.STRING, value.toString(), raw, start, raw.length(), null, List.of(), List.of()));
				return i + 1;
			}
			value.append(c);
			i++;
		}
		throw new FilterException("cmdb.filter.unterminated-string",
				"The string starting at column " + (start + 1) + " has no closing " + quote, start,
				text.length() - start, List.of(String.valueOf(quote)), "the end of the filter");
	}

	/**
	 * {@code -[types]->}, {@code -[types]-}, {@code ->}, {@code <-[types]-} (or
	 * {@code <-[types]->}, either way), {@code <-}.
	 */
	private static int arrow(String text, int start, boolean incoming, List<Token> tokens) {
		int i = start + (incoming ? 2 : 1);
		int n = text.length();
		if (!incoming && text.charAt(i) == '>') {
			tokens.add(new Token(Kind.ARROW, "->", "->", start, 2, Direction.OUT, List.of(), List.of()));
			return i + 1;
		}
		if (i >= n || text.charAt(i) != '[') {
			tokens.add(new Token(Kind.ARROW, "<-", "<-", start, 2, Direction.IN, List.of(), List.of()));
			return i;
		}
		int close = text.indexOf(']', i);
		if (close < 0) {
			throw new FilterException("cmdb.filter.syntax",
					"The relation arrow at column " + (start + 1) + " has no closing ]", start, n - start, List.of("]"),
					"the end of the filter");
		}
		List<String> types = new ArrayList<>();
		List<Span> spans = new ArrayList<>();
		int from = i + 1;
		for (String part : text.substring(i + 1, close).split("\\|", -1)) {
			String type = part.strip();
			int at = from + part.indexOf(type.isEmpty() ? part : type);
			if (!TYPE.matcher(type).matches()) {
				throw new FilterException("cmdb.filter.syntax",
						"Expected a relation type such as runs_on inside [ ] at column " + (at + 1)
								+ (type.isEmpty() ? "" : " but found '" + type + "'"),
						at, Math.max(type.length(), 1), List.of("a relation type"), "'" + type + "'");
			}
			types.add(type);
			spans.add(new Span(at, type.length()));
			from += part.length() + 1;
		}
		int j = close + 1;
		if (j >= n || text.charAt(j) != '-') {
			throw new FilterException("cmdb.filter.syntax",
					"Expected " + (incoming ? "]-" : "]-> or ]-") + " to close the relation arrow at column " + (j + 1),
					Math.min(j, n), 1, List.of(incoming ? "-" : "->"),
					(j >= n) ? "the end of the filter" : "'" + text.charAt(j) + "'");
		}
		j++;
		boolean pointed = j < n && text.charAt(j) == '>';
		if (pointed) {
			j++;
		}
		Direction direction = incoming ? (pointed ? Direction.BOTH : Direction.IN)
				: (pointed ? Direction.OUT : Direction.BOTH);
		String raw = text.substring(start, j);
		tokens.add(new Token(Kind.ARROW, raw, raw, start, raw.length(), direction, types, spans));
		return j;
	}

}
