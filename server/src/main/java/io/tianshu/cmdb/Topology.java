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

	/**
	 * The business view of a business system: its applications (contains), their services
	 * (contains) and database / middleware instances (depends_on), the hosts those run on
	 * (runs_on), and the racks (contains) and network devices (connects_to) of the hosts.
	 * 404 when the CI is not visible, 422 {@code cmdb.topology.not-business-system} when
	 * it is not a business system. For a caller limited by scope, CIs outside it are left
	 * out.
	 */
	BusinessView businessView(CiId system);

	enum Direction {

		DOWNSTREAM, UPSTREAM

	}

}
