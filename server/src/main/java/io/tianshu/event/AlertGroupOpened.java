package io.tianshu.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An alert group (告警组) was opened by grouping; the unit that later becomes an incident.
 * Defined with the foundation, published by grouping.
 *
 * @param groupId the group
 * @param ruleName the grouping rule that formed it
 * @param groupLabels the label values it groups by
 * @param severity the highest severity of its alerts
 * @param rootCauseAlertId the probable root cause, or {@code null}
 * @param businessSystemId the business system, or {@code null}
 * @param openedAt when
 */
public record AlertGroupOpened(UUID groupId, String ruleName, Map<String, String> groupLabels, Severity severity,
		Long rootCauseAlertId, UUID businessSystemId, Instant openedAt) {
}
