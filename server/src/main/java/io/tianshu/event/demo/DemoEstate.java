package io.tianshu.event.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.tianshu.cmdb.CiId;
import io.tianshu.cmdb.CiSearch;
import io.tianshu.cmdb.ConfigurationItem;
import io.tianshu.cmdb.ConfigurationItems;
import io.tianshu.cmdb.Topology;
import io.tianshu.cmdb.TopologyGraph;

/**
 * The part of the CMDB the demo scenario plays on: one business system with its
 * applications, the database instance they depend on, their hosts and a switch the hosts
 * connect to — found from the business system's code through the topology, so the labels
 * the simulator sends name real CIs and the foundation's enrichment attributes the alerts
 * to them.
 *
 * @param systemId the business system
 * @param systemName its name (集中交易)
 * @param database the primary database instance the applications depend on
 * @param databaseName its display name
 * @param apps application code → name
 * @param appHosts hostnames the applications run on
 * @param otherHosts further hostnames (database hosts, middleware hosts) for routine
 * noise
 * @param device a network device the hosts connect to (hostname)
 */
record DemoEstate(UUID systemId, String systemName, String database, String databaseName, Map<String, String> apps,
		List<String> appHosts, List<String> otherHosts, String device) {

	/**
	 * Reads the estate of the business system with this {@code system_code}; empty when
	 * there is no such system or it lacks applications, a database or hosts. Runs with
	 * the caller's rights (the simulator runs as the system).
	 */
	static Optional<DemoEstate> discover(ConfigurationItems items, Topology topology, String systemCode) {
		var systems = items
			.search(new CiSearch("business_system", null, null, Map.of("system_code", systemCode), null, null, 2));
		if (systems.items().size() != 1) {
			return Optional.empty();
		}
		ConfigurationItem system = systems.items().get(0);
		TopologyGraph graph = topology.impact(system.id(), Topology.Direction.DOWNSTREAM, 4,
				Set.of("contains", "depends_on", "runs_on", "connects_to"));
		Map<String, String> apps = new LinkedHashMap<>();
		List<String> appHosts = new ArrayList<>();
		List<String> otherHosts = new ArrayList<>();
		String database = null;
		String databaseName = null;
		Map<String, Integer> devices = new LinkedHashMap<>();
		List<TopologyGraph.Node> nodes = new ArrayList<>(graph.nodes());
		nodes.sort(Comparator.comparingInt(TopologyGraph.Node::depth).thenComparing(TopologyGraph.Node::name));
		for (TopologyGraph.Node node : nodes) {
			switch (node.model()) {
				case "application" -> {
					Object code = items.get(node.id()).attributes().get("app_code");
					if (code != null) {
						apps.put(code.toString(), node.name());
					}
				}
				case "db_instance" -> {
					ConfigurationItem db = items.get(node.id());
					boolean primary = "primary".equals(db.attributes().get("db_role"));
					if (database == null || primary) {
						database = String.valueOf(db.attributes().get("instance_name"));
						databaseName = db.name();
					}
				}
				case "host" -> {
					ConfigurationItem host = items.get(node.id());
					String hostname = String.valueOf(host.attributes().get("hostname"));
					boolean ofApp = graph.edges()
						.stream()
						.anyMatch((e) -> e.target().equals(node.id()) && "runs_on".equals(e.type())
								&& isApplication(graph, e.source()));
					(ofApp ? appHosts : otherHosts).add(hostname);
				}
				case "network_device" -> {
					long links = graph.edges().stream().filter((e) -> e.target().equals(node.id())).count();
					Object hostname = items.get(node.id()).attributes().get("hostname");
					if (hostname != null) {
						devices.put(hostname.toString(), (int) links);
					}
				}
				default -> {
				}
			}
		}
		if (apps.isEmpty() || database == null || appHosts.isEmpty()) {
			return Optional.empty();
		}
		String device = devices.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue())
			.map(Map.Entry::getKey)
			.orElse(null);
		return Optional.of(new DemoEstate(system.id().value(), system.name(), database, databaseName, apps,
				List.copyOf(appHosts), List.copyOf(otherHosts), device));
	}

	private static boolean isApplication(TopologyGraph graph, CiId id) {
		return graph.nodes().stream().anyMatch((n) -> n.id().equals(id) && "application".equals(n.model()));
	}

}
