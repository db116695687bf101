package io.tianshu.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds problem details the same way everywhere: {@code type} is
 * {@code https://tianshu.io/problems/<code>}, {@code code} repeats the stable code for
 * clients that translate it, and {@code requestId} names the request (also in the
 * {@code X-Request-Id} header and the logs) when there is one.
 */
public final class Problems {

	/** The base of every problem {@code type}. */
	public static final String TYPE_BASE = "https://tianshu.io/problems/";

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String code, String detail) {
		return of(status.value(), code, detail);
	}

	/** Same as {@link #of(HttpStatus, String, String)} for any status code. */
	public static ProblemDetail of(int status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setDetail(detail);
		problem.setType(URI.create(TYPE_BASE + code));
		HttpStatus known = HttpStatus.resolve(status);
		problem.setTitle((known != null) ? known.getReasonPhrase() : "Error");
		problem.setProperty("code", code);
		String requestId = CurrentRequest.requestId();
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		return problem;
	}

	/** The stable code of an HTTP status when nothing more specific is known. */
	public static String codeFor(int status) {
		return switch (status) {
			case 400 -> "request.malformed";
			case 401 -> "auth.required";
			case 403 -> "auth.forbidden";
			case 404 -> "request.not-found";
			case 405 -> "request.method-not-allowed";
			case 406 -> "request.not-acceptable";
			case 409 -> "request.conflict";
			case 413 -> "request.too-large";
			case 415 -> "request.unsupported-media-type";
			case 422 -> "validation";
			case 429 -> "request.too-many";
			case 503 -> "service.unavailable";
			default -> (status >= 500) ? "internal" : "request.rejected";
		};
	}

}
