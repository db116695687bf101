package io.tianshu.event;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened to an alert (时间线): {@code RECEIVED} (a signal, with its
 * outcome), {@code STATE_CHANGED}, {@code ASSIGNED}, {@code COMMENTED}, {@code ENRICHED},
 * {@code SUPPRESSED}, {@code FLAPPING}.
 *
 * @param at when
 * @param kind what
 * @param actor who ({@code source}, {@code system} or a person), or {@code null}
 * @param fromState the state before a change, or {@code null}
 * @param toState the state after a change, or {@code null}
 * @param detail further detail (outcome, comment text, CI, assignee)
 */
public record TimelineEntry(Instant at, String kind, String actor, AlertState fromState, AlertState toState,
		Map<String, Object> detail) {
}
