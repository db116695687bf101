package io.tianshu.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds problem details the same way everywhere: {@code type} is
 * {@code https://tianshu.io/problems/<code>}, and {@code code} repeats the stable code
 * for clients that translate it.
 */
public final class Problems {

	/** The base of every problem {@code type}. */
	public static final String TYPE_BASE = "https://tianshu.io/problems/";

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + code));
		problem.setTitle(status.getReasonPhrase());
		problem.setProperty("code", code);
		return problem;
	}

}
