package io.tianshu.cmdb.model;

import io.tianshu.platform.Authorization;
import io.tianshu.platform.web.CurrentRequest;

/**
 * Who and which request a CMDB history row names. The request id is the platform's
 * ({@code X-Request-Id}), so history rows, audit records and log lines of one request
 * share it.
 */
public final class ChangeContext {

	private ChangeContext() {
	}

	public static String actor(Authorization authorization) {
		return authorization.currentActor().name();
	}

	/** The current API request's id, or {@code null} outside a request. */
	public static String requestId() {
		return CurrentRequest.requestId();
	}

}
