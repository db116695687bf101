package io.tianshu.cmdb;

import java.util.Set;

/**
 * Graph queries over relations (拓扑). Needs {@link CmdbPermissions#CI_READ}.
 */
public interface Topology {

	/** Maximum depth of an impact query. */
	int MAX_DEPTH = 10;

	/**
	 * The CIs reachable from the start within {@code depth} hops.
	 * {@link Direction#DOWNSTREAM} follows relations from source to target (what the CI
	 * relies on: app → host → rack); {@link Direction#UPSTREAM} follows them backwards
	 * (what relies on the CI: host → apps → business systems — the impact of a host
	 * failure).
	 * @param types relation type codes to follow; empty for all
	 */
	TopologyGraph impact(CiId start, Direction direction, int depth, Set<String> types);

	/**
	 * A shortest path between two CIs over relations in either direction, at most
	 * {@code maxDepth} hops; empty nodes when there is none.
	 */
	TopologyGraph path(CiId from, CiId to, int maxDepth, Set<String> types);

	enum Direction {

		DOWNSTREAM, UPSTREAM

	}

}
