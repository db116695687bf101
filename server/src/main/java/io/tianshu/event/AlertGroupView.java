package io.tianshu.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An alert group (告警组) as stored.
 *
 * @param id the group
 * @param ruleId the grouping rule that formed it
 * @param ruleName that rule's name
 * @param groupLabels the label values it groups by ({@code @ci}, {@code @business_system}
 * hold ids)
 * @param state {@code PENDING} (within group_wait, not yet announced), {@code OPEN},
 * {@code RESOLVED}
 * @param severity the highest severity of its active alerts (of all, once resolved)
 * @param businessSystemId the business system of its alerts (the first one seen), or
 * {@code null}
 * @param rootCauseAlertId the probable root cause, or {@code null}
 * @param alertCount alerts that were ever in it
 * @param activeCount alerts in it that are active now
 * @param createdAt when its first alert arrived
 * @param notifiedAt when it was announced ({@link AlertGroupOpened}), or {@code null}
 * @param lastNotifiedAt the last announcement or batched update, or {@code null}
 * @param resolvedAt when it resolved, or {@code null}
 */
public record AlertGroupView(UUID id, UUID ruleId, String ruleName, Map<String, String> groupLabels, String state,
		Severity severity, UUID businessSystemId, Long rootCauseAlertId, int alertCount, int activeCount,
		Instant createdAt, Instant notifiedAt, Instant lastNotifiedAt, Instant resolvedAt) {
}
