package io.tianshu.event.convergence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tianshu.event.Severity;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The probable root cause of a group: the upstream-most active alert among the group's
 * alerts and the alerts on the CIs they rely on (by the topology inhibition relation
 * types; alerts of at least its minimum severity outside the group count too), ties
 * broken by severity, then the earliest. Without any such relation, the earliest of the
 * group's most severe alerts, said so in the explanation.
 */
@Component
class RootCauses {

	private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TopologyCache topology;

	private final ConvergenceState state;

	RootCauses(JdbcClient jdbc, JsonMapper json, TopologyCache topology, ConvergenceState state) {
		this.jdbc = jdbc;
		this.json = json;
		this.topology = topology;
		this.state = state;
	}

	private record Candidate(AlertFacts alert, int depth, List<TopologyCache.Step> path) {
	}

	Optional<RootCause> of(UUID groupId) {
		List<AlertFacts> members = this.jdbc
			.sql("SELECT " + prefixed()
					+ """
							 FROM event.alert_group_member m JOIN event.alert a ON a.id = m.alert_id AND a.first_seen = m.alert_first_seen
							WHERE m.group_id = ? ORDER BY m.active DESC, a.id LIMIT 500""")
			.param(groupId)
			.query((rs, n) -> AlertFacts.read(rs, this::labels))
			.list();
		List<AlertFacts> active = members.stream().filter((a) -> a.state().active()).toList();
		List<AlertFacts> considered = active.isEmpty() ? members : active;
		if (considered.isEmpty()) {
			return Optional.empty();
		}
		TopologyInhibition settings = this.state.topology();
		List<Candidate> candidates = new ArrayList<>();
		considered.forEach((a) -> candidates.add(new Candidate(a, 0, List.of())));
		Map<UUID, TopologyCache.Dependency> best = new HashMap<>();
		for (AlertFacts a : considered) {
			if (a.ciId() == null) {
				continue;
			}
			this.topology.upstream(a.ciId(), settings).forEach((ci, dep) -> {
				TopologyCache.Dependency known = best.get(ci);
				if (known == null || dep.depth() > known.depth()) {
					best.put(ci, dep);
				}
			});
		}
		if (!best.isEmpty()) {
			List<String> severities = java.util.Arrays.stream(Severity.values())
				.filter((s) -> s.atLeast(settings.minSeverity()))
				.map(Enum::name)
				.toList();
			this.jdbc.sql("SELECT " + AlertFacts.COLUMNS + """
					 FROM event.alert WHERE ci_id IN (:cis) AND state IN ('OPEN', 'ACKNOWLEDGED', 'SUPPRESSED')
					AND severity IN (:severities) ORDER BY id LIMIT 500""")
				.param("cis", List.copyOf(best.keySet()))
				.param("severities", severities)
				.query((rs, n) -> AlertFacts.read(rs, this::labels))
				.list()
				.forEach((u) -> {
					TopologyCache.Dependency dep = best.get(u.ciId());
					candidates.add(new Candidate(u, dep.depth(), dep.path()));
				});
		}
		Candidate root = candidates.stream()
			.min(Comparator.comparingInt((Candidate c) -> -c.depth())
				.thenComparingInt((c) -> c.alert().severity().ordinal())
				.thenComparing((c) -> c.alert().firstSeen())
				.thenComparingLong((c) -> c.alert().id()))
			.orElseThrow();
		AlertFacts r = root.alert();
		String ciName = null;
		int explains = 0;
		for (AlertFacts a : considered) {
			boolean explained = a.id() == r.id();
			if (!explained && a.ciId() != null && r.ciId() != null) {
				explained = a.ciId().equals(r.ciId())
						|| this.topology.upstream(a.ciId(), settings).containsKey(r.ciId());
			}
			if (explained) {
				explains++;
			}
		}
		if (!root.path().isEmpty()) {
			ciName = root.path().get(root.path().size() - 1).name();
			StringBuilder via = new StringBuilder();
			for (TopologyCache.Step s : root.path()) {
				if (s.relation() != null) {
					via.append(" -").append(s.relation()).append("-> ");
				}
				via.append((s.name() != null) ? s.name() : s.ciId());
			}
			return Optional.of(new RootCause(r.id(), r.summary(), r.ciId(), ciName, "topology",
					"Upstream-most active alert: " + explains + " of " + considered.size()
							+ " alert(s) of the group are on CIs that rely on " + ciName + " (" + via + ")",
					explains, root.path()));
		}
		return Optional.of(new RootCause(r.id(), r.summary(), r.ciId(), null, "severity",
				"No CMDB relation explains the group: the earliest of its most severe (" + r.severity() + ") alerts",
				explains, List.of()));
	}

	private static String prefixed() {
		StringBuilder b = new StringBuilder();
		for (String c : AlertFacts.COLUMNS.split(",\\s*")) {
			b.append((b.length() > 0) ? ", " : "").append("a.").append(c);
		}
		return b.toString();
	}

	private Map<String, String> labels(String text) {
		return this.json.readValue(text, LABELS);
	}

}
