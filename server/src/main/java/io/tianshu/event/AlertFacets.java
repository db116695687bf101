package io.tianshu.event;

import java.util.Map;

/**
 * Counts of the alerts matching a query (without its cursor) per state, severity,
 * integration kind and business system ({@code "none"} for alerts without one).
 */
public record AlertFacets(long total, Map<String, Long> state, Map<String, Long> severity, Map<String, Long> source,
		Map<String, Long> businessSystem) {
}
