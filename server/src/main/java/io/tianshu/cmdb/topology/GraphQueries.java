package io.tianshu.cmdb.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.tianshu.cmdb.BusinessView;
import io.tianshu.cmdb.BusinessView.Layer;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CmdbPermissions;
import io.tianshu.cmdb.Topology;
import io.tianshu.cmdb.TopologyGraph;
import io.tianshu.cmdb.TopologyGraph.Edge;
import io.tianshu.cmdb.TopologyGraph.Node;
import io.tianshu.cmdb.query.CiScopes;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.PermissionScope;
import io.tianshu.platform.TianshuException;

import org.springframework.stereotype.Service;

/**
 * Impact, path and business view over the in-memory {@link GraphIndex}: a breadth-first
 * walk over int slots, no database round trip but the index's freshness check (and, for
 * callers limited by scope, the scope look-ups of {@link CiScopes} exactly as before).
 * Callers the index cannot answer for are served by {@link SqlTopology}.
 */
@Service
class GraphQueries implements Topology {

	/** The most nodes an impact or path answer carries; larger answers are refused. */
	static final int MAX_NODES = 20_000;

	/** PostgreSQL's order of {@code uuid} values: their bytes, unsigned. */
	private static final Comparator<CiId> UUID_ORDER = (a, b) -> {
		int high = Long.compareUnsigned(a.value().getMostSignificantBits(), b.value().getMostSignificantBits());
		return (high != 0) ? high
				: Long.compareUnsigned(a.value().getLeastSignificantBits(), b.value().getLeastSignificantBits());
	};

	/** The database's collation is C: names sort by code point. */
	private static final Comparator<String> NAME_ORDER = (a, b) -> Arrays.compare(a.codePoints().toArray(),
			b.codePoints().toArray());

	private final GraphIndex index;

	private final SqlTopology sql;

	private final Authorization authorization;

	private final CiScopes scopes;

	GraphQueries(GraphIndex index, SqlTopology sql, Authorization authorization, CiScopes scopes) {
		this.index = index;
		this.sql = sql;
		this.authorization = authorization;
		this.scopes = scopes;
	}

	@Override
	public TopologyGraph impact(CiId start, Direction direction, int depth, Set<String> types) {
		this.authorization.require(CmdbPermissions.CI_READ);
		if (depth < 1 || depth > MAX_DEPTH) {
			throw TianshuException.invalidField("depth", "cmdb.topology.depth-invalid", "depth must be 1–" + MAX_DEPTH);
		}
		this.scopes.requireVisible(start);
		Optional<TopologyGraph> answer = this.index.read((graph) -> {
			CiGraph.Reach reach = graph.impact(slot(graph, start), direction != Direction.UPSTREAM, depth,
					graph.typeMask(types), MAX_NODES, MAX_NODES * 4);
			if (reach == null) {
				throw tooLarge();
			}
			// each CI's id made once (CiGraph#ciId), the edges share them
			int[] slots = reach.nodes();
			CiId[] ids = new CiId[slots.length];
			int[] position = new int[graph.ciCount()];
			List<Node> nodes = new ArrayList<>(slots.length);
			for (int i = 0; i < slots.length; i++) {
				ids[i] = graph.ciId(slots[i]);
				position[slots[i]] = i + 1;
				nodes.add(new Node(ids[i], graph.model(slots[i]), graph.name(slots[i]), graph.state(slots[i]),
						reach.depths()[i]));
			}
			List<Edge> edges = new ArrayList<>(reach.edges().length);
			for (int relation : reach.edges()) {
				int source = position[graph.source(relation)];
				int target = position[graph.target(relation)];
				edges.add(new Edge(graph.relationId(relation), graph.typeCode(relation),
						(source > 0) ? ids[source - 1] : graph.ciId(graph.source(relation)),
						(target > 0) ? ids[target - 1] : graph.ciId(graph.target(relation))));
			}
			return new TopologyGraph(nodes, edges);
		});
		if (answer.isEmpty()) {
			return this.sql.impact(start, direction, depth, types);
		}
		return visible(answer.get());
	}

	@Override
	public TopologyGraph path(CiId from, CiId to, int maxDepth, Set<String> types) {
		this.authorization.require(CmdbPermissions.CI_READ);
		if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
			throw TianshuException.invalidField("maxDepth", "cmdb.topology.depth-invalid",
					"maxDepth must be 1–" + MAX_DEPTH);
		}
		this.scopes.requireVisible(from);
		this.scopes.requireVisible(to);
		PermissionScope scope = this.scopes.of(CmdbPermissions.CI_READ);
		Optional<TopologyGraph> answer = this.index
			.read((graph) -> path(graph, slot(graph, from), slot(graph, to), maxDepth, graph.typeMask(types), scope));
		return answer.orElseGet(() -> this.sql.path(from, to, maxDepth, types));
	}

	/** Breadth first over relations in both directions, one hop at a time. */
	private TopologyGraph path(CiGraph graph, int from, int to, int maxDepth, boolean[] types, PermissionScope scope) {
		if (from == to) {
			return new TopologyGraph(List.of(node(graph, from, 0)), List.of());
		}
		int[] reachedBy = new int[graph.ciCount()];
		Arrays.fill(reachedBy, -1);
		boolean[] seen = new boolean[graph.ciCount()];
		seen[from] = true;
		int seenCount = 1;
		List<Integer> frontier = List.of(from);
		for (int hop = 1; hop <= maxDepth && !frontier.isEmpty(); hop++) {
			List<Integer> edges = new ArrayList<>();
			for (int ci : frontier) {
				for (boolean outgoing : new boolean[] { true, false }) {
					for (int relation : graph.relations(ci, outgoing, -1)) {
						int type = graph.typeOf(relation);
						if (types == null || (type < types.length && types[type])) {
							edges.add(relation);
						}
					}
				}
			}
			if (!scope.everywhere()) {
				// a path only crosses CIs the caller may see
				Set<UUID> ends = new HashSet<>();
				edges.forEach((r) -> {
					ends.add(graph.ciId(graph.source(r)).value());
					ends.add(graph.ciId(graph.target(r)).value());
				});
				Set<UUID> covered = this.scopes.covered(ends, scope);
				edges = edges.stream()
					.filter((r) -> covered.contains(graph.ciId(graph.source(r)).value())
							&& covered.contains(graph.ciId(graph.target(r)).value()))
					.toList();
			}
			Set<Integer> current = new HashSet<>(frontier);
			List<Integer> next = new ArrayList<>();
			for (int relation : edges) {
				int a = graph.source(relation);
				int b = graph.target(relation);
				for (int[] step : new int[][] { { a, b }, { b, a } }) {
					if (current.contains(step[0]) && !seen[step[1]]) {
						seen[step[1]] = true;
						seenCount++;
						reachedBy[step[1]] = relation;
						next.add(step[1]);
					}
				}
			}
			if (seen[to]) {
				return walkBack(graph, from, to, reachedBy);
			}
			if (seenCount > MAX_NODES) {
				throw tooLarge();
			}
			frontier = next;
		}
		return new TopologyGraph(List.of(), List.of());
	}

	private static TopologyGraph walkBack(CiGraph graph, int from, int to, int[] reachedBy) {
		List<Edge> edges = new ArrayList<>();
		List<Integer> order = new ArrayList<>();
		int ci = to;
		order.add(ci);
		while (ci != from) {
			int relation = reachedBy[ci];
			edges.add(0, edge(graph, relation));
			ci = (graph.source(relation) == ci) ? graph.target(relation) : graph.source(relation);
			order.add(0, ci);
		}
		List<Node> nodes = new ArrayList<>();
		for (int i = 0; i < order.size(); i++) {
			nodes.add(node(graph, order.get(i), i));
		}
		return new TopologyGraph(nodes, edges);
	}

	@Override
	public BusinessView businessView(CiId system) {
		this.authorization.require(CmdbPermissions.CI_READ);
		this.scopes.requireVisible(system);
		Optional<BusinessView> answer = this.index.read((graph) -> businessView(graph, system));
		if (answer.isEmpty()) {
			return this.sql.businessView(system);
		}
		BusinessView view = answer.get();
		PermissionScope scope = this.scopes.of(CmdbPermissions.CI_READ);
		if (scope.everywhere()) {
			return view;
		}
		Set<UUID> covered = this.scopes.covered(view.nodes().stream().map((n) -> n.id().value()).toList(), scope);
		return new BusinessView(system, view.nodes().stream().filter((n) -> covered.contains(n.id().value())).toList(),
				view.edges()
					.stream()
					.filter((e) -> covered.contains(e.source().value()) && covered.contains(e.target().value()))
					.toList());
	}

	private BusinessView businessView(CiGraph graph, CiId system) {
		int start = slot(graph, system);
		if (!graph.model(start).equals("business_system")) {
			throw TianshuException.invalid("cmdb.topology.not-business-system",
					"CI " + system + " is a " + graph.model(start) + ", not a business_system");
		}
		Map<Integer, BusinessView.Node> nodes = new LinkedHashMap<>();
		Map<Integer, Edge> edges = new LinkedHashMap<>();
		nodes.put(start, new BusinessView.Node(graph.ciId(start), graph.model(start), graph.name(start),
				graph.state(start), Layer.BUSINESS_SYSTEM));
		List<Integer> apps = step(graph, List.of(start), "contains", true, Set.of("application"), Layer.APPLICATION,
				nodes, edges);
		step(graph, apps, "contains", true, Set.of("service"), Layer.SERVICE, nodes, edges);
		List<Integer> instances = step(graph, apps, "depends_on", true, Set.of("db_instance", "middleware_instance"),
				Layer.INSTANCE, nodes, edges);
		List<Integer> runners = new ArrayList<>(apps);
		runners.addAll(instances);
		List<Integer> hosts = step(graph, runners, "runs_on", true, Set.of("host"), Layer.HOST, nodes, edges);
		step(graph, hosts, "contains", false, Set.of("rack"), Layer.INFRASTRUCTURE, nodes, edges);
		step(graph, hosts, "connects_to", true, Set.of("network_device"), Layer.INFRASTRUCTURE, nodes, edges);
		return new BusinessView(system, List.copyOf(nodes.values()), List.copyOf(edges.values()));
	}

	/**
	 * One layer of the business view: the CIs of the models related to {@code from} by
	 * the type ({@code forward}: from is the source), by name. Returns the slots new to
	 * the view.
	 */
	private static List<Integer> step(CiGraph graph, List<Integer> from, String type, boolean forward,
			Set<String> models, Layer layer, Map<Integer, BusinessView.Node> nodes, Map<Integer, Edge> edges) {
		int typeIndex = graph.type(type);
		if (from.isEmpty() || typeIndex < 0) {
			return List.of();
		}
		List<int[]> found = new ArrayList<>();
		for (int ci : from) {
			for (int relation : graph.relations(ci, forward, typeIndex)) {
				int far = forward ? graph.target(relation) : graph.source(relation);
				if (models.contains(graph.model(far))) {
					found.add(new int[] { relation, far });
				}
			}
		}
		found.sort(Comparator.<int[], String>comparing((f) -> graph.name(f[1]), NAME_ORDER)
			.thenComparing((f) -> graph.ciId(f[1]), UUID_ORDER));
		List<Integer> added = new ArrayList<>();
		for (int[] f : found) {
			edges.putIfAbsent(f[0], edge(graph, f[0]));
			if (!nodes.containsKey(f[1])) {
				nodes.put(f[1], new BusinessView.Node(graph.ciId(f[1]), graph.model(f[1]), graph.name(f[1]),
						graph.state(f[1]), layer));
				added.add(f[1]);
			}
		}
		if (nodes.size() > MAX_NODES) {
			throw tooLarge();
		}
		return added;
	}

	/** The graph without the CIs outside the caller's scope and their edges. */
	private TopologyGraph visible(TopologyGraph graph) {
		PermissionScope scope = this.scopes.of(CmdbPermissions.CI_READ);
		if (scope.everywhere()) {
			return graph;
		}
		Set<UUID> covered = this.scopes.covered(graph.nodes().stream().map((n) -> n.id().value()).toList(), scope);
		return new TopologyGraph(graph.nodes().stream().filter((n) -> covered.contains(n.id().value())).toList(),
				graph.edges()
					.stream()
					.filter((e) -> covered.contains(e.source().value()) && covered.contains(e.target().value()))
					.toList());
	}

	private static int slot(CiGraph graph, CiId id) {
		int slot = graph.slot(id.value());
		if (slot < 0) {
			throw TianshuException.notFound("cmdb.ci.not-found", "No configuration item " + id);
		}
		return slot;
	}

	private static Node node(CiGraph graph, int ci, int depth) {
		return new Node(graph.ciId(ci), graph.model(ci), graph.name(ci), graph.state(ci), depth);
	}

	private static Edge edge(CiGraph graph, int relation) {
		return new Edge(graph.relationId(relation), graph.typeCode(relation), graph.ciId(graph.source(relation)),
				graph.ciId(graph.target(relation)));
	}

	private static TianshuException tooLarge() {
		return TianshuException.invalid("cmdb.topology.too-large",
				"The answer would have more than " + MAX_NODES + " nodes; lower the depth or filter relation types");
	}

}
