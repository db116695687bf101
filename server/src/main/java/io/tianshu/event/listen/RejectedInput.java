package io.tianshu.event.listen;

/**
 * A received message that cannot be taken, with a stable reason code
 * ({@code syslog.missing-pri}, {@code snmp.malformed-pdu}) under which it is counted.
 */
final class RejectedInput extends Exception {

	private final String reason;

	RejectedInput(String reason, String detail) {
		super(detail, null, false, false);
		this.reason = reason;
	}

	String reason() {
		return this.reason;
	}

}
