package io.tianshu.event.listen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A text with {@code ${name}} placeholders, compiled once: {@code ${name}} is the
 * variable's value (empty when unset), {@code ${name:-fallback}} the fallback (itself a
 * template) when the variable is unset or empty.
 */
final class Template {

	private final String source;

	private final List<Part> parts;

	private Template(String source, List<Part> parts) {
		this.source = source;
		this.parts = parts;
	}

	static Template of(String source) {
		return new Template(source, parse(source));
	}

	String source() {
		return this.source;
	}

	String render(Function<String, String> variables) {
		if (this.parts.size() == 1 && this.parts.get(0) instanceof Literal(String text)) {
			return text;
		}
		StringBuilder out = new StringBuilder();
		render(this.parts, variables, out);
		return out.toString();
	}

	String render(Map<String, String> variables) {
		return render(variables::get);
	}

	private static void render(List<Part> parts, Function<String, String> variables, StringBuilder out) {
		for (Part part : parts) {
			switch (part) {
				case Literal(String text) -> out.append(text);
				case Variable(String name, List<Part> fallback) -> {
					String value = variables.apply(name);
					if (value != null && !value.isEmpty()) {
						out.append(value);
					}
					else if (fallback != null) {
						render(fallback, variables, out);
					}
				}
			}
		}
	}

	private static List<Part> parse(String source) {
		List<Part> parts = new ArrayList<>();
		int[] pos = { 0 };
		parse(source, pos, parts, false);
		return List.copyOf(parts);
	}

	/**
	 * Parses up to the end, or (nested) up to the closing brace of the enclosing
	 * fallback.
	 */
	private static void parse(String s, int[] pos, List<Part> parts, boolean nested) {
		StringBuilder literal = new StringBuilder();
		while (pos[0] < s.length()) {
			char c = s.charAt(pos[0]);
			if (nested && c == '}') {
				break;
			}
			if (c == '$' && pos[0] + 1 < s.length() && s.charAt(pos[0] + 1) == '{') {
				int nameStart = pos[0] + 2;
				int i = nameStart;
				while (i < s.length() && s.charAt(i) != '}' && !s.startsWith(":-", i)) {
					i++;
				}
				if (i >= s.length() || i == nameStart) {
					throw new IllegalArgumentException("unterminated or empty ${...} in template: " + s);
				}
				String name = s.substring(nameStart, i);
				List<Part> fallback = null;
				if (s.startsWith(":-", i)) {
					pos[0] = i + 2;
					fallback = new ArrayList<>();
					parse(s, pos, fallback, true);
					if (pos[0] >= s.length()) {
						throw new IllegalArgumentException("unterminated ${" + name + ":-...} in template: " + s);
					}
					fallback = List.copyOf(fallback);
					i = pos[0];
				}
				if (!literal.isEmpty()) {
					parts.add(new Literal(literal.toString()));
					literal.setLength(0);
				}
				parts.add(new Variable(name, fallback));
				pos[0] = i + 1;
				continue;
			}
			literal.append(c);
			pos[0]++;
		}
		if (!literal.isEmpty()) {
			parts.add(new Literal(literal.toString()));
		}
	}

	@Override
	public String toString() {
		return this.source;
	}

	private sealed interface Part permits Literal, Variable {

	}

	private record Literal(String text) implements Part {
	}

	private record Variable(String name, List<Part> fallback) implements Part {
	}

}
