package io.tianshu.event.convergence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A recurring maintenance window (维护窗口): while its {@link WindowSchedule} is active (and
 * within {@code validFrom}–{@code validUntil} when given), alerts in its scope (a CI, a
 * business system and/or label matchers — at least one) are suppressed like under a
 * silence. {@code activeNow} is evaluated at the time of the answer.
 */
public record MaintenanceWindow(UUID id, String name, boolean enabled, List<String> matchers, UUID ciId,
		UUID businessSystemId, WindowSchedule schedule, Instant validFrom, Instant validUntil, String comment,
		String createdBy, boolean activeNow, Instant createdAt, Instant updatedAt) {

	@Schema(name = "MaintenanceWindowDraft")
	public record Draft(String name, Boolean enabled, List<String> matchers, UUID ciId, UUID businessSystemId,
			WindowSchedule schedule, Instant validFrom, Instant validUntil, String comment) {
	}

}
