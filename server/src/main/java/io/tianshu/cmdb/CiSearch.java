package io.tianshu.cmdb;

import java.util.Map;

/**
 * A CI search: all criteria must hold. Results are ordered by name, then id.
 *
 * @param model model code, or {@code null} for all models (attribute criteria then
 * compare as strings)
 * @param namePrefix CIs whose name starts with this, or {@code null}
 * @param state a lifecycle state, or {@code null} for all but retired CIs
 * @param equals attribute code → value the attribute must equal
 * @param prefixes attribute code → prefix the attribute's text must start with
 * @param cursor the {@code nextCursor} of the previous page, or {@code null}
 * @param limit page size, 1–500
 * @param filter an expression of the CI filter language
 * ({@code docs/cmdb-filter-language.md}), or {@code null}; when it tests {@code state},
 * retired CIs are not hidden by default
 */
public record CiSearch(String model, String namePrefix, LifecycleState state, Map<String, String> equals,
		Map<String, String> prefixes, String cursor, int limit, String filter) {

	public CiSearch {
		equals = (equals != null) ? Map.copyOf(equals) : Map.of();
		prefixes = (prefixes != null) ? Map.copyOf(prefixes) : Map.of();
		filter = (filter != null && !filter.isBlank()) ? filter : null;
	}

	/** A search without a filter expression. */
	public CiSearch(String model, String namePrefix, LifecycleState state, Map<String, String> equals,
			Map<String, String> prefixes, String cursor, int limit) {
		this(model, namePrefix, state, equals, prefixes, cursor, limit, null);
	}

}
