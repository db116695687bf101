package io.tianshu.cmdb.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.RelationId;
import io.tianshu.cmdb.Topology;
import io.tianshu.cmdb.TopologyGraph;
import io.tianshu.cmdb.TopologyGraph.Edge;
import io.tianshu.cmdb.TopologyGraph.Node;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.TianshuException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Impact queries as one recursive CTE over {@code cmdb.relation} (indexed by source and
 * by target), and shortest paths as a breadth-first search with one query per hop.
 */
@Service
class GraphQueries implements Topology {

	/** The most nodes an impact or path answer carries; larger answers are refused. */
	static final int MAX_NODES = 20_000;

	private final JdbcClient jdbc;

	private final Authorization authorization;

	GraphQueries(JdbcClient jdbc, Authorization authorization) {
		this.jdbc = jdbc;
		this.authorization = authorization;
	}

	@Override
	@Transactional(readOnly = true)
	public TopologyGraph impact(CiId start, Direction direction, int depth, Set<String> types) {
		this.authorization.require(CmdbPermissions.CI_READ);
		if (depth < 1 || depth > MAX_DEPTH) {
			throw TianshuException.invalidField("depth", "cmdb.topology.depth-invalid", "depth must be 1–" + MAX_DEPTH);
		}
		requireCi(start);
		boolean down = direction != Direction.UPSTREAM;
		String from = down ? "source_id" : "target_id";
		String to = down ? "target_id" : "source_id";
		String typeFilter = types.isEmpty() ? "" : " AND type_code = ANY (?)";
		// Breadth first, one query per level over the frontier's unvisited nodes (an
		// array
		// parameter): every node is expanded once, at its shortest depth. A recursive CTE
		// expands a node again for each depth it is reached at, which fan-out graphs (a
		// business system's depends_on web) multiply into many times the answer.
		String sql = "SELECT id, type_code, source_id, target_id, %2$s FROM cmdb.relation WHERE %1$s = ANY (?)%3$s"
			.formatted(from, to, typeFilter);
		Map<UUID, Integer> depths = new LinkedHashMap<>();
		depths.put(start.value(), 0);
		Map<UUID, Edge> edges = new LinkedHashMap<>();
		List<UUID> frontier = List.of(start.value());
		for (int level = 1; level <= depth && !frontier.isEmpty(); level++) {
			UUID[] ids = frontier.toArray(UUID[]::new);
			String[] typeArray = types.toArray(String[]::new);
			List<Object[]> rows = this.jdbc.sql(sql)
				.params(types.isEmpty() ? new Object[] { ids } : new Object[] { ids, typeArray })
				.query((rs,
						n) -> new Object[] { rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
								rs.getObject(4, UUID.class), rs.getObject(5, UUID.class) })
				.list();
			List<UUID> next = new ArrayList<>();
			for (Object[] row : rows) {
				edges.putIfAbsent((UUID) row[0], new Edge(new RelationId((UUID) row[0]), (String) row[1],
						new CiId((UUID) row[2]), new CiId((UUID) row[3])));
				if (depths.putIfAbsent((UUID) row[4], level) == null) {
					next.add((UUID) row[4]);
				}
			}
			if (depths.size() > MAX_NODES || edges.size() > MAX_NODES * 4) {
				throw tooLarge();
			}
			frontier = next;
		}
		return new TopologyGraph(nodes(depths), List.copyOf(edges.values()));
	}

	@Override
	@Transactional(readOnly = true)
	public TopologyGraph path(CiId from, CiId to, int maxDepth, Set<String> types) {
		this.authorization.require(CmdbPermissions.CI_READ);
		if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
			throw TianshuException.invalidField("maxDepth", "cmdb.topology.depth-invalid",
					"maxDepth must be 1–" + MAX_DEPTH);
		}
		requireCi(from);
		requireCi(to);
		if (from.equals(to)) {
			return new TopologyGraph(nodes(Map.of(from.value(), 0)), List.of());
		}
		Map<UUID, Edge> reachedBy = new HashMap<>();
		Set<UUID> seen = new HashSet<>(Set.of(from.value()));
		List<UUID> frontier = List.of(from.value());
		String typeFilter = types.isEmpty() ? "" : " AND type_code IN (:types)";
		for (int hop = 1; hop <= maxDepth && !frontier.isEmpty(); hop++) {
			var statement = this.jdbc.sql("""
					SELECT id, type_code, source_id, target_id FROM cmdb.relation
					WHERE (source_id IN (:frontier) OR target_id IN (:frontier))""" + typeFilter)
				.param("frontier", frontier);
			if (!types.isEmpty()) {
				statement = statement.param("types", List.copyOf(types));
			}
			List<Edge> edges = statement
				.query((rs, n) -> new Edge(new RelationId(rs.getObject(1, UUID.class)), rs.getString(2),
						new CiId(rs.getObject(3, UUID.class)), new CiId(rs.getObject(4, UUID.class))))
				.list();
			Set<UUID> current = new HashSet<>(frontier);
			List<UUID> next = new ArrayList<>();
			for (Edge edge : edges) {
				UUID a = edge.source().value();
				UUID b = edge.target().value();
				for (UUID[] step : new UUID[][] { { a, b }, { b, a } }) {
					if (current.contains(step[0]) && seen.add(step[1])) {
						reachedBy.put(step[1], edge);
						next.add(step[1]);
					}
				}
			}
			if (seen.contains(to.value())) {
				return walkBack(from.value(), to.value(), reachedBy);
			}
			if (seen.size() > MAX_NODES) {
				throw tooLarge();
			}
			frontier = next;
		}
		return new TopologyGraph(List.of(), List.of());
	}

	private TopologyGraph walkBack(UUID from, UUID to, Map<UUID, Edge> reachedBy) {
		List<Edge> edges = new ArrayList<>();
		List<UUID> order = new ArrayList<>();
		UUID node = to;
		order.add(node);
		while (!node.equals(from)) {
			Edge edge = reachedBy.get(node);
			edges.add(0, edge);
			node = edge.source().value().equals(node) ? edge.target().value() : edge.source().value();
			order.add(0, node);
		}
		Map<UUID, Integer> depths = new LinkedHashMap<>();
		for (int i = 0; i < order.size(); i++) {
			depths.put(order.get(i), i);
		}
		return new TopologyGraph(nodes(depths), edges);
	}

	private List<Node> nodes(Map<UUID, Integer> depths) {
		Map<UUID, Node> byId = new HashMap<>();
		// one array parameter rather than thousands of placeholders
		this.jdbc.sql("SELECT id, model_code, name, state FROM cmdb.ci WHERE id = ANY (?)")
			.param(depths.keySet().toArray(UUID[]::new))
			.query((rs, n) -> new Node(new CiId(rs.getObject(1, UUID.class)), rs.getString(2), rs.getString(3),
					LifecycleState.valueOf(rs.getString(4)), depths.get(rs.getObject(1, UUID.class))))
			.list()
			.forEach((node) -> byId.put(node.id().value(), node));
		List<Node> nodes = new ArrayList<>();
		for (UUID id : depths.keySet()) {
			nodes.add(byId.get(id));
		}
		nodes.sort((a, b) -> Integer.compare(a.depth(), b.depth()));
		return nodes;
	}

	private void requireCi(CiId id) {
		if (this.jdbc.sql("SELECT count(*) FROM cmdb.ci WHERE id = ?")
			.param(id.value())
			.query(Integer.class)
			.single() == 0) {
			throw TianshuException.notFound("cmdb.ci.not-found", "No configuration item " + id);
		}
	}

	private static TianshuException tooLarge() {
		return TianshuException.invalid("cmdb.topology.too-large",
				"The answer would have more than " + MAX_NODES + " nodes; lower the depth or filter relation types");
	}

}
