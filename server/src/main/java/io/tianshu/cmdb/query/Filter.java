package io.tianshu.cmdb.query;

import java.util.List;

/**
 * A parsed CI filter (过滤表达式). Every node keeps where it stands in the text, so later
 * checks (unknown attribute, wrong value type) point at the right place.
 */
sealed interface Filter {

	/** Where a piece of the text starts (0-based, in UTF-16 units as in JavaScript). */
	record Span(int position, int length) {
	}

	record And(List<Filter> parts) implements Filter {
		public And {
			parts = List.copyOf(parts);
		}
	}

	record Or(List<Filter> parts) implements Filter {
		public Or {
			parts = List.copyOf(parts);
		}
	}

	record Not(Filter part) implements Filter {
	}

	/**
	 * {@code field op value}, {@code field in (v1, v2)} or {@code field not in (...)}.
	 */
	record Comparison(Field field, Operator operator, Span operatorSpan, List<Value> values) implements Filter {
		public Comparison {
			values = List.copyOf(values);
		}
	}

	/** {@code field exists}, {@code field not exists}, {@code field is [not] empty}. */
	record Presence(Field field, Presence.Kind kind, boolean negated) implements Filter {

		enum Kind {

			EXISTS, EMPTY

		}

	}

	/**
	 * A condition on related CIs: some CI related in the direction, by one of the types
	 * (any type when empty), matches the nested filter.
	 */
	record Related(Direction direction, List<String> types, Span span, List<Span> typeSpans,
			Filter filter) implements Filter {
		public Related {
			types = List.copyOf(types);
			typeSpans = List.copyOf(typeSpans);
		}
	}

	/** A field: a built-in one or an attribute path ({@code a.os.name}). */
	record Field(String text, List<String> path, boolean attributeOnly, Span span) {

		public Field {
			path = List.copyOf(path);
		}

		String first() {
			return this.path.get(0);
		}

	}

	record Value(String text, boolean quoted, Span span) {
	}

	enum Operator {

		EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), LIKE("~"), NOT_LIKE("!~"), IN("in"), NOT_IN("not in");

		final String symbol;

		Operator(String symbol) {
			this.symbol = symbol;
		}

		boolean ordering() {
			return this == LT || this == LE || this == GT || this == GE;
		}

	}

	enum Direction {

		/** {@code -[type]->}: this CI is the source, the related CI the target. */
		OUT,
		/** {@code <-[type]-}: the related CI is the source, this CI the target. */
		IN,
		/** {@code -[type]-}: either way. */
		BOTH

	}

}
