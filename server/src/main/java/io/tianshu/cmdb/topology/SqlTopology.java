package io.tianshu.cmdb.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tianshu.cmdb.BusinessView;
import io.tianshu.cmdb.BusinessView.Layer;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.RelationId;
import io.tianshu.cmdb.Topology;
import io.tianshu.cmdb.TopologyGraph;
import io.tianshu.cmdb.TopologyGraph.Edge;
import io.tianshu.cmdb.TopologyGraph.Node;
import io.tianshu.cmdb.query.CiScopes;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.PermissionScope;
import io.tianshu.platform.TianshuException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The topology queries in SQL, level by level over {@code cmdb.relation} (indexed by
 * source and by target): for callers inside a transaction that has written (they see
 * their own changes) or reads at another isolation level, which the in-memory
 * {@link GraphIndex} cannot answer for. Same answers as {@link GraphQueries}.
 */
@Component
class SqlTopology {

	static final int MAX_NODES = GraphQueries.MAX_NODES;

	private final JdbcClient jdbc;

	private final Authorization authorization;

	private final CiScopes scopes;

	SqlTopology(JdbcClient jdbc, Authorization authorization, CiScopes scopes) {
		this.jdbc = jdbc;
		this.authorization = authorization;
		this.scopes = scopes;
	}

	@Transactional(readOnly = true)
	TopologyGraph impact(CiId start, Topology.Direction direction, int depth, Set<String> types) {
		this.authorization.require(CmdbPermissions.CI_READ);
		if (depth < 1 || depth > Topology.MAX_DEPTH) {
			throw TianshuException.invalidField("depth", "cmdb.topology.depth-invalid",
					"depth must be 1–" + Topology.MAX_DEPTH);
		}
		requireCi(start);
		this.scopes.requireVisible(start);
		boolean down = direction != Topology.Direction.UPSTREAM;
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
		return visible(depths, List.copyOf(edges.values()));
	}

	@Transactional(readOnly = true)
	TopologyGraph path(CiId from, CiId to, int maxDepth, Set<String> types) {
		this.authorization.require(CmdbPermissions.CI_READ);
		if (maxDepth < 1 || maxDepth > Topology.MAX_DEPTH) {
			throw TianshuException.invalidField("maxDepth", "cmdb.topology.depth-invalid",
					"maxDepth must be 1–" + Topology.MAX_DEPTH);
		}
		requireCi(from);
		requireCi(to);
		this.scopes.requireVisible(from);
		this.scopes.requireVisible(to);
		PermissionScope scope = this.scopes.of(CmdbPermissions.CI_READ);
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
			if (!scope.everywhere()) {
				// a path only crosses CIs the caller may see
				Set<UUID> ends = new HashSet<>();
				edges.forEach((e) -> {
					ends.add(e.source().value());
					ends.add(e.target().value());
				});
				Set<UUID> covered = this.scopes.covered(ends, scope);
				edges = edges.stream()
					.filter((e) -> covered.contains(e.source().value()) && covered.contains(e.target().value()))
					.toList();
			}
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

	/** The graph without the CIs outside the caller's scope and their edges. */
	private TopologyGraph visible(Map<UUID, Integer> depths, List<Edge> edges) {
		PermissionScope scope = this.scopes.of(CmdbPermissions.CI_READ);
		if (scope.everywhere()) {
			return new TopologyGraph(nodes(depths), edges);
		}
		Set<UUID> covered = this.scopes.covered(depths.keySet(), scope);
		Map<UUID, Integer> kept = new LinkedHashMap<>();
		depths.forEach((id, depth) -> {
			if (covered.contains(id)) {
				kept.put(id, depth);
			}
		});
		return new TopologyGraph(nodes(kept),
				edges.stream()
					.filter((e) -> covered.contains(e.source().value()) && covered.contains(e.target().value()))
					.toList());
	}

	@Transactional(readOnly = true)
	BusinessView businessView(CiId system) {
		this.authorization.require(CmdbPermissions.CI_READ);
		requireCi(system);
		this.scopes.requireVisible(system);
		Map<UUID, BusinessView.Node> nodes = new LinkedHashMap<>();
		Map<UUID, Edge> edges = new LinkedHashMap<>();
		this.jdbc.sql("SELECT id, model_code, name, state FROM cmdb.ci WHERE id = ?")
			.param(system.value())
			.query((rs, n) -> new BusinessView.Node(new CiId(rs.getObject(1, UUID.class)), rs.getString(2),
					rs.getString(3), LifecycleState.valueOf(rs.getString(4)), Layer.BUSINESS_SYSTEM))
			.list()
			.forEach((node) -> nodes.put(node.id().value(), node));
		if (!nodes.get(system.value()).model().equals("business_system")) {
			throw TianshuException.invalid("cmdb.topology.not-business-system",
					"CI " + system + " is a " + nodes.get(system.value()).model() + ", not a business_system");
		}
		List<UUID> apps = step(List.of(system.value()), "contains", true, List.of("application"), Layer.APPLICATION,
				nodes, edges);
		step(apps, "contains", true, List.of("service"), Layer.SERVICE, nodes, edges);
		List<UUID> instances = step(apps, "depends_on", true, List.of("db_instance", "middleware_instance"),
				Layer.INSTANCE, nodes, edges);
		List<UUID> runners = new ArrayList<>(apps);
		runners.addAll(instances);
		List<UUID> hosts = step(runners, "runs_on", true, List.of("host"), Layer.HOST, nodes, edges);
		step(hosts, "contains", false, List.of("rack"), Layer.INFRASTRUCTURE, nodes, edges);
		step(hosts, "connects_to", true, List.of("network_device"), Layer.INFRASTRUCTURE, nodes, edges);
		PermissionScope scope = this.scopes.of(CmdbPermissions.CI_READ);
		Set<UUID> covered = scope.everywhere() ? nodes.keySet() : this.scopes.covered(nodes.keySet(), scope);
		return new BusinessView(system,
				nodes.values().stream().filter((n) -> covered.contains(n.id().value())).toList(),
				edges.values()
					.stream()
					.filter((e) -> covered.contains(e.source().value()) && covered.contains(e.target().value()))
					.toList());
	}

	/**
	 * One layer of the business view: the CIs of the models related to {@code from} by
	 * the type ({@code forward}: from is the source). Returns the ids new to the view.
	 */
	private List<UUID> step(List<UUID> from, String type, boolean forward, List<String> models, Layer layer,
			Map<UUID, BusinessView.Node> nodes, Map<UUID, Edge> edges) {
		if (from.isEmpty()) {
			return List.of();
		}
		String near = forward ? "source_id" : "target_id";
		String far = forward ? "target_id" : "source_id";
		List<UUID> added = new ArrayList<>();
		this.jdbc.sql("""
				SELECT r.id, r.source_id, r.target_id, c.id, c.model_code, c.name, c.state
				FROM cmdb.relation r JOIN cmdb.ci c ON c.id = r.%2$s
				WHERE r.%1$s IN (:from) AND r.type_code = :type AND c.model_code IN (:models)
				ORDER BY c.name, c.id""".formatted(near, far))
			.param("from", from)
			.param("type", type)
			.param("models", models)
			.query((rs, n) -> {
				UUID id = rs.getObject(4, UUID.class);
				edges.putIfAbsent(rs.getObject(1, UUID.class), new Edge(new RelationId(rs.getObject(1, UUID.class)),
						type, new CiId(rs.getObject(2, UUID.class)), new CiId(rs.getObject(3, UUID.class))));
				if (!nodes.containsKey(id)) {
					nodes.put(id, new BusinessView.Node(new CiId(id), rs.getString(5), rs.getString(6),
							LifecycleState.valueOf(rs.getString(7)), layer));
					added.add(id);
				}
				return id;
			})
			.list();
		if (nodes.size() > MAX_NODES) {
			throw tooLarge();
		}
		return added;
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
