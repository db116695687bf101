package io.tianshu.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An open alert group changed: alerts joined or resolved since the last notification.
 * Changes are batched: at most one of these per group per {@code groupInterval} of its
 * grouping rule (Alertmanager's {@code group_interval}). Published by grouping.
 *
 * @param groupId the group
 * @param ruleName the grouping rule that formed it
 * @param groupLabels the label values it groups by
 * @param severity the highest severity of its active alerts
 * @param rootCauseAlertId the probable root cause, or {@code null}
 * @param activeAlerts how many of its alerts are active now
 * @param alertsAdded alerts that joined since the previous notification
 * @param alertsResolved alerts that resolved since the previous notification
 * @param changedAt when the batch was published
 */
public record AlertGroupChanged(UUID groupId, String ruleName, Map<String, String> groupLabels, Severity severity,
		Long rootCauseAlertId, int activeAlerts, int alertsAdded, int alertsResolved, Instant changedAt) {
}
