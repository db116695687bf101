package io.tianshu.event;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A hook the intake consults when an alert opens or reopens (silences, maintenance
 * windows, inhibition implement it). When one answers a reason, the alert is stored
 * {@link AlertState#SUPPRESSED} with that reason in its timeline: still recorded, its
 * resolution still tracked. Runs on the intake's writer inside its transaction: it must
 * be fast (in-memory) and must not block.
 */
public interface AlertSuppressor {

	Optional<String> suppressionFor(Candidate alert);

	/** The alert as it is about to be stored. */
	record Candidate(UUID integrationId, String fingerprint, Severity severity, Map<String, String> labels, UUID ciId,
			UUID businessSystemId) {
	}

}
