package io.tianshu.platform;

/**
 * The kinds of failure a caller can act on, each with the HTTP status it is answered
 * with.
 */
public enum ProblemKind {

	/** Well-formed but invalid input: 422. */
	INVALID(422),
	/** Authentication missing or failed: 401. */
	UNAUTHENTICATED(401),
	/** Authenticated but not allowed: 403. */
	FORBIDDEN(403),
	/** No such thing (or not visible to the caller): 404. */
	NOT_FOUND(404),
	/** Conflicts with the current state: 409. */
	CONFLICT(409),
	/** Too many attempts: 429. */
	TOO_MANY_REQUESTS(429);

	private final int status;

	ProblemKind(int status) {
		this.status = status;
	}

	public int status() {
		return this.status;
	}

}
