package io.tianshu.cmdb;

import java.util.List;

/**
 * A part of the CI graph as nodes and edges, for the console's topology picture.
 */
public record TopologyGraph(List<Node> nodes, List<Edge> edges) {

	public TopologyGraph {
		nodes = List.copyOf(nodes);
		edges = List.copyOf(edges);
	}

	/** A CI and its distance from the start of the query. */
	public record Node(CiId id, String model, String name, LifecycleState state, int depth) {
	}

	public record Edge(RelationId id, String type, CiId source, CiId target) {
	}

}
