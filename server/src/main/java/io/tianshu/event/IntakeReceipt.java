package io.tianshu.event;

import java.util.List;

/**
 * What the intake did with a submission, after it was committed.
 *
 * @param outcomes one per submitted signal, in order
 * @param batchSignals how many signals the committed transaction held (this submission's
 * and others'), for observing group commit
 */
public record IntakeReceipt(List<SignalOutcome> outcomes, int batchSignals) {

	public IntakeReceipt {
		outcomes = List.copyOf(outcomes);
	}

	/**
	 * @param fingerprint the signal's fingerprint
	 * @param alertId the alert it was applied to, or {@code null} (dropped, ignored)
	 * @param outcome what happened
	 */
	public record SignalOutcome(String fingerprint, Long alertId, Outcome outcome) {
	}

	public enum Outcome {

		/** A new alert was opened. */
		CREATED,
		/** A new occurrence of an open alert (content changed). */
		UPDATED,
		/** The same content again: only last-seen (and a resolve timeout) refreshed. */
		DUPLICATE,
		/** A resolved alert fired again within the reopen window and is open again. */
		REOPENED,
		/** The alert was resolved. */
		RESOLVED,
		/** The alert was acknowledged at the source. */
		ACKNOWLEDGED,
		/** Nothing to apply it to (a resolve for an unknown or closed alert). */
		IGNORED,
		/** A drop rule discarded it. */
		DROPPED

	}

}
