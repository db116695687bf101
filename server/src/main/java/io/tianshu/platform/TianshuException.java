package io.tianshu.platform;

import java.util.List;
import java.util.Map;

/**
 * A domain failure that the API answers as RFC 9457 problem details: {@code type} is
 * derived from the stable {@link #code()}, {@code detail} is the English message, and
 * {@code params} and {@code errors} let the console show the message in the user's
 * language.
 */
public class TianshuException extends RuntimeException {

	private final ProblemKind kind;

	private final String code;

	private final Map<String, Object> params;

	private final List<FieldViolation> violations;

	public TianshuException(ProblemKind kind, String code, String detail, Map<String, Object> params,
			List<FieldViolation> violations) {
		super(detail);
		this.kind = kind;
		this.code = code;
		this.params = (params != null) ? Map.copyOf(params) : Map.of();
		this.violations = (violations != null) ? List.copyOf(violations) : List.of();
	}

	public static TianshuException notFound(String code, String detail) {
		return new TianshuException(ProblemKind.NOT_FOUND, code, detail, null, null);
	}

	public static TianshuException conflict(String code, String detail) {
		return new TianshuException(ProblemKind.CONFLICT, code, detail, null, null);
	}

	public static TianshuException conflict(String code, String detail, Map<String, Object> params) {
		return new TianshuException(ProblemKind.CONFLICT, code, detail, params, null);
	}

	public static TianshuException forbidden(String code, String detail) {
		return new TianshuException(ProblemKind.FORBIDDEN, code, detail, null, null);
	}

	public static TianshuException invalid(String code, String detail) {
		return new TianshuException(ProblemKind.INVALID, code, detail, null, null);
	}

	public static TianshuException invalid(String detail, List<FieldViolation> violations) {
		return new TianshuException(ProblemKind.INVALID, "validation", detail, null, violations);
	}

	public static TianshuException invalidField(String field, String code, String message) {
		return new TianshuException(ProblemKind.INVALID, code, message, null,
				List.of(new FieldViolation(field, code, message)));
	}

	public ProblemKind kind() {
		return this.kind;
	}

	/** Stable, dotted, lower-case: {@code identity.role.mutually-exclusive}. */
	public String code() {
		return this.code;
	}

	public Map<String, Object> params() {
		return this.params;
	}

	public List<FieldViolation> violations() {
		return this.violations;
	}

}
