package io.tianshu.event;

/**
 * The lifecycle state of an alert (告警状态):
 * {@code OPEN → ACKNOWLEDGED → RESOLVED → CLOSED}; {@code SUPPRESSED} is an open alert
 * that a silence or an inhibition hides (still recorded, its resolution still tracked).
 * {@code CLOSED} is final.
 */
public enum AlertState {

	OPEN, ACKNOWLEDGED, SUPPRESSED, RESOLVED, CLOSED;

	/** Open in the broad sense: the problem is not over. */
	public boolean active() {
		return this == OPEN || this == ACKNOWLEDGED || this == SUPPRESSED;
	}

}
