package io.tianshu.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert was resolved: by its source, by its resolve timeout, or by a person.
 *
 * @param alertId the alert
 * @param integrationId where it came from
 * @param fingerprint its key within the integration
 * @param severity its severity
 * @param ciId its CI, or {@code null}
 * @param businessSystemId its business system, or {@code null}
 * @param by {@code source}, {@code timeout} or the name of the person
 * @param resolvedAt when
 */
public record AlertResolved(long alertId, UUID integrationId, String fingerprint, Severity severity, UUID ciId,
		UUID businessSystemId, String by, Instant resolvedAt) {
}
