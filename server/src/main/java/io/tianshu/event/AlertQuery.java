package io.tianshu.event;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An alert query; all criteria must hold, empty sets and {@code null}s mean "any".
 * Results are newest first (by id).
 *
 * @param states lifecycle states
 * @param severities severities
 * @param integrationIds integrations
 * @param sources integration kinds
 * @param ciId the CI
 * @param businessSystemId the business system
 * @param matchers label matchers
 * @param from alerts seen at or after this instant (last seen), or {@code null}
 * @param to alerts first seen before this instant, or {@code null}
 * @param text text contained in the summary, resource or fingerprint (case-insensitive)
 * @param cursor the previous page's {@code nextCursor}
 * @param limit page size, 1–500
 */
public record AlertQuery(Set<AlertState> states, Set<Severity> severities, Set<UUID> integrationIds,
		Set<IntegrationKind> sources, UUID ciId, UUID businessSystemId, List<LabelMatcher> matchers, Instant from,
		Instant to, String text, String cursor, int limit) {

	public AlertQuery {
		states = (states != null) ? Set.copyOf(states) : Set.of();
		severities = (severities != null) ? Set.copyOf(severities) : Set.of();
		integrationIds = (integrationIds != null) ? Set.copyOf(integrationIds) : Set.of();
		sources = (sources != null) ? Set.copyOf(sources) : Set.of();
		matchers = (matchers != null) ? List.copyOf(matchers) : List.of();
	}

}
