package io.tianshu.platform.web;

import java.io.IOException;

/**
 * Raised while reading a request body that grew past {@code tianshu.api.max-body-size};
 * answered 413 {@code request.too-large}.
 */
class PayloadTooLargeException extends IOException {

	private final long limit;

	PayloadTooLargeException(long limit) {
		super("The request body is larger than " + limit + " bytes");
		this.limit = limit;
	}

	long limit() {
		return this.limit;
	}

	/** This exception somewhere in the causes of {@code ex} (JSON readers wrap it). */
	static PayloadTooLargeException find(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof PayloadTooLargeException tooLarge) {
				return tooLarge;
			}
		}
		return null;
	}

}
