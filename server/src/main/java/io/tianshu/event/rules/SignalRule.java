package io.tianshu.event.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.event.Severity;

/**
 * A drop or transform rule (丢弃/转换规则), applied at intake in {@code position} order to the
 * signals of its integration (or of all, when {@code integrationId} is {@code null})
 * whose labels match every matcher ({@code name=value}, {@code !=}, {@code =~},
 * {@code !~}). {@code DROP} discards the signal (counted); {@code TRANSFORM} sets and
 * renames labels and may set the severity, and later rules see the result.
 */
public record SignalRule(UUID id, String name, int position, boolean enabled, UUID integrationId, List<String> matchers,
		Action action, Map<String, String> setLabels, Map<String, String> renameLabels, Severity setSeverity, long hits,
		Instant createdAt, Instant updatedAt) {

	public enum Action {

		DROP, TRANSFORM

	}

}
