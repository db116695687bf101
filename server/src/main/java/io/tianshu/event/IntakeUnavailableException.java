package io.tianshu.event;

/** The intake could not durably store a submission; the sender should retry later. */
public class IntakeUnavailableException extends RuntimeException {

	public IntakeUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
