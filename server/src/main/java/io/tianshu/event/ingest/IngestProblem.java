package io.tianshu.event.ingest;

import java.util.List;

/**
 * An ingest request refused as a whole, answered as problem details with the status and
 * stable code; {@code errors} lists per-alert reasons.
 */
class IngestProblem extends RuntimeException {

	private final int status;

	private final String code;

	private final List<String> errors;

	private final Integer accepted;

	IngestProblem(int status, String code, String detail) {
		this(status, code, detail, List.of(), null);
	}

	IngestProblem(int status, String code, String detail, List<String> errors, Integer accepted) {
		super(detail);
		this.status = status;
		this.code = code;
		this.errors = List.copyOf(errors);
		this.accepted = accepted;
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	List<String> errors() {
		return this.errors;
	}

	Integer accepted() {
		return this.accepted;
	}

}
