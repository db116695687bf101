package io.tianshu.event.convergence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An Alertmanager-style inhibition rule (抑制规则): while an active alert matches every
 * {@code sourceMatchers}, active alerts matching every {@code targetMatchers} that have
 * the same values of the {@code equal} labels (both absent counts as equal) are
 * suppressed. An alert matching both sides is never inhibited by an alert that also
 * matches both (nor by itself), as in Alertmanager.
 */
public record InhibitRule(UUID id, String name, boolean enabled, List<String> sourceMatchers,
		List<String> targetMatchers, List<String> equal, Instant createdAt, Instant updatedAt) {

	@Schema(name = "InhibitRuleDraft")
	public record Draft(String name, Boolean enabled, List<String> sourceMatchers, List<String> targetMatchers,
			List<String> equal) {
	}

}
