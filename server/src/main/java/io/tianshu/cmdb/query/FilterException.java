package io.tianshu.cmdb.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.ProblemKind;
import io.tianshu.platform.TianshuException;

/**
 * A filter that cannot be parsed or does not fit the models: where (0-based position and
 * length in the text), a stable code and, for syntax errors, what was expected.
 */
public final class FilterException extends RuntimeException {

	private final String code;

	private final int position;

	private final int length;

	private final List<String> expected;

	private final String found;

	FilterException(String code, String message, int position, int length, List<String> expected, String found) {
		super(message);
		this.code = code;
		this.position = position;
		this.length = Math.max(length, 1);
		this.expected = List.copyOf(expected);
		this.found = found;
	}

	static FilterException at(Filter.Span span, String code, String message) {
		return new FilterException(code, message + " (column " + (span.position() + 1) + ")", span.position(),
				span.length(), List.of(), null);
	}

	public String code() {
		return this.code;
	}

	public int position() {
		return this.position;
	}

	public int length() {
		return this.length;
	}

	public List<String> expected() {
		return this.expected;
	}

	/**
	 * As a 422 problem: {@code params} carry {@code position}, {@code length},
	 * {@code expected} and {@code found}; one field error on {@code field}.
	 */
	public TianshuException toProblem(String field) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("position", this.position);
		params.put("length", this.length);
		if (!this.expected.isEmpty()) {
			params.put("expected", this.expected);
		}
		if (this.found != null) {
			params.put("found", this.found);
		}
		return new TianshuException(ProblemKind.INVALID, this.code, getMessage(), params,
				List.of(new FieldViolation(field, this.code, getMessage())));
	}

}
