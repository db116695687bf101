package io.tianshu.platform.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the platform knows of the HTTP request being served on this thread, if any.
 */
public final class CurrentRequest {

	/** Request attribute holding the request id ({@code X-Request-Id} in and out). */
	public static final String REQUEST_ID_ATTRIBUTE = "io.tianshu.requestId";

	private CurrentRequest() {
	}

	/** The request id, or {@code null} outside a request. */
	public static String requestId() {
		HttpServletRequest request = request();
		return (request != null) ? (String) request.getAttribute(REQUEST_ID_ATTRIBUTE) : null;
	}

	/** The caller's address as the server saw it, or {@code null} outside a request. */
	public static String sourceAddress() {
		HttpServletRequest request = request();
		return (request != null) ? request.getRemoteAddr() : null;
	}

	private static HttpServletRequest request() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest() : null;
	}

}
