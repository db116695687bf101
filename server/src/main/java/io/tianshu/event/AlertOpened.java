package io.tianshu.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A new alert was opened, or a resolved one reopened. Published through the event
 * publication registry in the intake's transaction.
 *
 * @param alertId the alert
 * @param integrationId where it came from
 * @param fingerprint its key within the integration
 * @param severity its severity
 * @param summary its summary
 * @param labels its labels
 * @param ciId the CI it was attributed to, or {@code null}
 * @param businessSystemId the business system, or {@code null}
 * @param suppressed whether it was opened suppressed (silence, inhibition)
 * @param reopened whether it was a resolved alert firing again
 * @param openedAt when
 */
public record AlertOpened(long alertId, UUID integrationId, String fingerprint, Severity severity, String summary,
		Map<String, String> labels, UUID ciId, UUID businessSystemId, boolean suppressed, boolean reopened,
		Instant openedAt) {
}
