package io.tianshu.event.convergence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A grouping rule (分组规则), like an Alertmanager route: {@code matchers} choose the alerts
 * it takes (all must hold; empty takes every alert; pseudo labels {@code @ci},
 * {@code @business_system}, {@code @severity}, {@code @integration} can be matched),
 * {@code groupBy} lists alternatives of label sets (OR-grouping: the first alternative
 * whose labels the alert has is used; the last one always applies, missing labels
 * grouping as empty, as in Alertmanager). Names are labels, {@code @ci} (by CI),
 * {@code @business_system} (by business system), {@code @severity}, {@code @integration},
 * or {@code ...} (all labels). Rules are tried by {@code position}; the first that takes
 * an alert wins unless it says {@code continue}. {@code groupWait} (Alertmanager
 * {@code group_wait}) delays the announcement of a new group, {@code groupInterval}
 * ({@code group_interval}) batches later changes.
 */
public record GroupingRule(UUID id, String name, int position, boolean enabled, List<String> matchers,
		List<List<String>> groupBy, @JsonProperty("continue") boolean continueMatching, String groupWait,
		String groupInterval, String description, Instant createdAt, Instant updatedAt) {

	/**
	 * What a client sends; {@code position} defaults to after the last rule,
	 * {@code groupWait} to {@code 30s}, {@code groupInterval} to {@code 5m}.
	 */
	@Schema(name = "GroupingRuleDraft")
	public record Draft(String name, Integer position, Boolean enabled, List<String> matchers,
			List<List<String>> groupBy, @JsonProperty("continue") Boolean continueMatching, String groupWait,
			String groupInterval, String description) {
	}

}
