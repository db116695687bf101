package io.tianshu.event.convergence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.tianshu.cmdb.CiChanged;
import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.RelationChanged;
import io.tianshu.cmdb.Topology;
import io.tianshu.cmdb.TopologyGraph;
import io.tianshu.platform.Authorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * In-memory cache of CMDB topology look-ups for topology inhibition and root cause: what
 * a CI relies on (its upstream, {@link Topology.Direction#DOWNSTREAM} in the CMDB's
 * terms: source to target) with the path to each, and what relies on it. Cleared whenever
 * a relation or CI changes or is imported (at once on this node, and again after the
 * change's transaction ends, so a look-up in between cannot keep the old topology) and
 * when the settings change. Look-ups run as the system in a read-only transaction of
 * their own; a CMDB failure answers "no topology".
 */
@Component
class TopologyCache {

	private static final Logger log = LoggerFactory.getLogger(TopologyCache.class);

	private static final int MAX_ENTRIES = 20_000;

	private final Topology topology;

	private final Authorization authorization;

	private final TransactionTemplate tx;

	private final Map<String, Map<UUID, Dependency>> upstream = new ConcurrentHashMap<>();

	private final Map<String, Map<UUID, Integer>> downstream = new ConcurrentHashMap<>();

	private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

	TopologyCache(Topology topology, Authorization authorization, PlatformTransactionManager transactions) {
		this.topology = topology;
		this.authorization = authorization;
		this.tx = new TransactionTemplate(transactions);
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.tx.setReadOnly(true);
	}

	/** One step of a path: the CI reached and the relation type that led to it. */
	record Step(UUID ciId, String name, String model, String relation) {
	}

	/** A CI the start relies on, its distance and the path to it (start first). */
	record Dependency(UUID ciId, String name, String model, int depth, List<Step> path) {
	}

	/** Whether the CI's upstream is cached already. */
	boolean hasUpstream(UUID ci, TopologyInhibition settings) {
		return this.upstream.containsKey(key(ci, settings));
	}

	/** The CIs the CI relies on (not itself), by id. */
	Map<UUID, Dependency> upstream(UUID ci, TopologyInhibition settings) {
		String key = key(ci, settings);
		Map<UUID, Dependency> cached = this.upstream.get(key);
		if (cached == null) {
			trim();
			long generation = this.generation.get();
			cached = load(ci, settings);
			if (generation == this.generation.get()) {
				this.upstream.put(key, cached);
			}
		}
		return cached;
	}

	/** The CIs that rely on the CI (not itself), with their distance. */
	Map<UUID, Integer> downstream(UUID ci, TopologyInhibition settings) {
		String key = key(ci, settings);
		Map<UUID, Integer> cached = this.downstream.get(key);
		if (cached != null) {
			return cached;
		}
		trim();
		long generation = this.generation.get();
		{
			TopologyGraph graph = graph(ci, Topology.Direction.UPSTREAM, settings);
			Map<UUID, Integer> out = new HashMap<>();
			if (graph != null) {
				graph.nodes()
					.stream()
					.filter((n) -> !n.id().value().equals(ci))
					.forEach((n) -> out.put(n.id().value(), n.depth()));
			}
			cached = Collections.unmodifiableMap(out);
			if (generation == this.generation.get()) {
				// a relation changed during the look-up: do not keep what may be stale
				this.downstream.put(key, cached);
			}
			return cached;
		}
	}

	@EventListener
	void on(RelationChanged event) {
		clearNowAndAfterCommit();
	}

	@EventListener
	void on(CiChanged event) {
		// names in paths, retired CIs
		clearNowAndAfterCommit();
	}

	@EventListener
	void on(io.tianshu.cmdb.RelationsImported event) {
		clearNowAndAfterCommit();
	}

	@EventListener
	void on(io.tianshu.cmdb.CisImported event) {
		clearNowAndAfterCommit();
	}

	/**
	 * A look-up between the change and its commit still reads the old topology and would
	 * keep it: so the cache is cleared again once the change is committed.
	 */
	private void clearNowAndAfterCommit() {
		clear();
		if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
			org.springframework.transaction.support.TransactionSynchronizationManager
				.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						clear();
					}
				});
		}
	}

	void clear() {
		this.generation.incrementAndGet();
		this.upstream.clear();
		this.downstream.clear();
	}

	private Map<UUID, Dependency> load(UUID ci, TopologyInhibition settings) {
		TopologyGraph graph = graph(ci, Topology.Direction.DOWNSTREAM, settings);
		if (graph == null) {
			return Map.of();
		}
		Map<UUID, TopologyGraph.Node> nodes = new HashMap<>();
		graph.nodes().forEach((n) -> nodes.put(n.id().value(), n));
		Map<UUID, List<TopologyGraph.Edge>> out = new HashMap<>();
		graph.edges().forEach((e) -> out.computeIfAbsent(e.source().value(), (k) -> new ArrayList<>()).add(e));
		// breadth first from the start over source → target: shortest paths
		Map<UUID, Dependency> found = new LinkedHashMap<>();
		Map<UUID, List<Step>> paths = new HashMap<>();
		TopologyGraph.Node start = nodes.get(ci);
		paths.put(ci, List
			.of(new Step(ci, (start != null) ? start.name() : null, (start != null) ? start.model() : null, null)));
		Deque<UUID> queue = new ArrayDeque<>(List.of(ci));
		while (!queue.isEmpty()) {
			UUID at = queue.removeFirst();
			List<Step> path = paths.get(at);
			if (path.size() > settings.maxDepth()) {
				continue;
			}
			for (TopologyGraph.Edge e : out.getOrDefault(at, List.of())) {
				UUID next = e.target().value();
				if (paths.containsKey(next)) {
					continue;
				}
				TopologyGraph.Node node = nodes.get(next);
				List<Step> longer = new ArrayList<>(path);
				longer.add(new Step(next, (node != null) ? node.name() : null, (node != null) ? node.model() : null,
						e.type()));
				paths.put(next, List.copyOf(longer));
				found.put(next, new Dependency(next, (node != null) ? node.name() : null,
						(node != null) ? node.model() : null, longer.size() - 1, List.copyOf(longer)));
				queue.addLast(next);
			}
		}
		return Collections.unmodifiableMap(found);
	}

	private TopologyGraph graph(UUID ci, Topology.Direction direction, TopologyInhibition settings) {
		try {
			return this.authorization
				.runAsSystem(() -> this.tx.execute((status) -> this.topology.impact(new CiId(ci), direction,
						Math.min(settings.maxDepth(), Topology.MAX_DEPTH), Set.copyOf(settings.relationTypes()))));
		}
		catch (RuntimeException ex) {
			log.debug("Topology look-up for {} failed: {}", ci, ex.getMessage());
			return null;
		}
	}

	private void trim() {
		if (this.upstream.size() + this.downstream.size() > MAX_ENTRIES) {
			clear();
		}
	}

	private static String key(UUID ci, TopologyInhibition settings) {
		return ci + "|" + settings.maxDepth() + "|" + String.join(",", settings.relationTypes());
	}

}
