package io.tianshu.maturity.probe;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.Framework;
import io.tianshu.maturity.Frameworks;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.MaturityPermissions;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;
import io.tianshu.maturity.ProbeVerdict;
import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.TianshuException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the probes (探针) and keeps their results. Probes run as the system, each isolated
 * from the others: a probe that throws is stored as {@link ProbeVerdict#NOT_OBSERVABLE}
 * with the error, never as met. A run and its results are stored and audited
 * ({@code maturity.probes.run}) in one transaction.
 */
@Service
public class ProbeRuns {

	private static final Logger log = LoggerFactory.getLogger(ProbeRuns.class);

	private final List<Probe> probes;

	private final Frameworks frameworks;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Authorization authorization;

	private final Audit audit;

	private final Clock clock;

	private final TransactionTemplate tx;

	private final Duration window;

	ProbeRuns(List<Probe> probes, Frameworks frameworks, JdbcClient jdbc, JsonMapper json, Authorization authorization,
			Audit audit, Clock clock, TransactionTemplate tx,
			@Value("${tianshu.maturity.probes.window:P90D}") Duration window) {
		this.probes = probes.stream().sorted(Comparator.comparing(Probe::id)).toList();
		this.frameworks = frameworks;
		this.jdbc = jdbc;
		this.json = json;
		this.authorization = authorization;
		this.audit = audit;
		this.clock = clock;
		this.tx = tx;
		this.window = window;
	}

	@EventListener(ApplicationReadyEvent.class)
	void logUnbound() {
		for (Probe probe : this.probes) {
			ProbeBindings bindings = bindings(probe);
			if (!bindings.unbound().isEmpty()) {
				log.warn("Maturity probe {} is bound to criteria no loaded framework knows: {}", probe.id(),
						bindings.unbound());
			}
		}
	}

	/** The registered probes, by id. */
	public List<Probe> all() {
		return this.probes;
	}

	public ProbeBindings bindings(Probe probe) {
		return ProbeBindings.of(probe, (id) -> this.frameworks.criterion(id).isPresent());
	}

	/** The default evidence window's start for a run now. */
	public Instant defaultSince() {
		return this.clock.instant().minus(this.window);
	}

	/**
	 * Runs the probes with these ids (all when empty) over the evidence window starting
	 * at {@code since}. Requires {@link MaturityPermissions#ASSESS} unless run as the
	 * system.
	 * @throws TianshuException 422 {@code maturity.probe.unknown} for an unknown id
	 */
	public ProbeRun run(Collection<String> probeIds, String trigger, Instant since) {
		this.authorization.require(MaturityPermissions.ASSESS);
		List<Probe> selected = select(probeIds);
		String triggeredBy = this.authorization.currentActor().name();
		Instant started = this.clock.instant();
		ProbeContext context = new ProbeContext(started, since);
		List<Evaluated> evaluated = this.authorization.runAsSystem(
				() -> selected.stream().map((probe) -> new Evaluated(probe, evaluate(probe, context))).toList());
		Instant finished = this.clock.instant();
		UUID runId = UUID.randomUUID();
		Map<String, String> versions = new TreeMap<>();
		for (Framework framework : this.frameworks.all()) {
			versions.put(framework.id(), framework.version());
		}
		List<ProbeResult> results = new ArrayList<>();
		for (Evaluated e : evaluated) {
			results.add(new ProbeResult(UUID.randomUUID(), runId, e.probe().id(), e.probe().version(),
					e.outcome().verdict(), e.outcome().summary(), e.outcome().counts(), e.outcome().ids(),
					e.outcome().links(), e.probe().criteria(), finished));
		}
		ProbeRun run = new ProbeRun(runId, trigger, triggeredBy, since, started, finished, versions, results);
		this.tx.executeWithoutResult((status) -> {
			this.jdbc.sql("""
					INSERT INTO maturity.probe_run (id, trigger, triggered_by, window_since, started_at, finished_at,
					  framework_versions) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)""")
				.params(runId, trigger, triggeredBy, Timestamp.from(since), Timestamp.from(started),
						Timestamp.from(finished), this.json.writeValueAsString(versions))
				.update();
			for (ProbeResult r : results) {
				this.jdbc.sql("""
						INSERT INTO maturity.probe_result (id, run_id, probe_id, probe_version, verdict, summary_zh,
						  summary_en, counts, ids, links, criteria, evaluated_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)""")
					.params(r.id(), runId, r.probeId(), r.probeVersion(), r.verdict().name(), r.summary().zh(),
							r.summary().en(), this.json.writeValueAsString(r.counts()),
							this.json.writeValueAsString(r.ids()), this.json.writeValueAsString(r.links()),
							r.criteria().toArray(String[]::new), Timestamp.from(r.evaluatedAt()))
					.update();
			}
			Map<String, Long> verdicts = new TreeMap<>();
			results.forEach((r) -> verdicts.merge(r.verdict().name(), 1L, Long::sum));
			this.audit.record(AuditEntry.success("maturity.probes.run", "probe-run", runId.toString())
				.withChange(null, Map.of("trigger", trigger, "probes", results.size(), "verdicts", verdicts)));
		});
		return run;
	}

	private List<Probe> select(Collection<String> probeIds) {
		if (probeIds == null || probeIds.isEmpty()) {
			return this.probes;
		}
		Set<String> known = new java.util.HashSet<>(this.probes.stream().map(Probe::id).toList());
		List<String> unknown = probeIds.stream().filter((id) -> !known.contains(id)).toList();
		if (!unknown.isEmpty()) {
			throw TianshuException.invalidField("probeIds", "maturity.probe.unknown",
					"Unknown probe(s): " + String.join(", ", unknown));
		}
		return this.probes.stream().filter((p) -> probeIds.contains(p.id())).toList();
	}

	private ProbeOutcome evaluate(Probe probe, ProbeContext context) {
		try {
			ProbeOutcome outcome = probe.evaluate(context);
			if (outcome == null) {
				throw new IllegalStateException("the probe returned no outcome");
			}
			return outcome;
		}
		catch (RuntimeException ex) {
			log.warn("Maturity probe {} failed", probe.id(), ex);
			return ProbeOutcome
				.notObservable(new LocalizedText("探针执行失败：" + ex.getMessage(), "The probe failed: " + ex.getMessage()));
		}
	}

	/**
	 * The newest result of every probe that has run. Requires
	 * {@link MaturityPermissions#READ}.
	 */
	public Map<String, ProbeResult> latest() {
		this.authorization.require(MaturityPermissions.READ);
		Map<String, ProbeResult> latest = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT DISTINCT ON (probe_id) * FROM maturity.probe_result
				ORDER BY probe_id, evaluated_at DESC, id""")
			.query(this::row)
			.list()
			.forEach((r) -> latest.put(r.probeId(), r));
		return latest;
	}

	/** One stored result. */
	public Optional<ProbeResult> result(UUID id) {
		this.authorization.require(MaturityPermissions.READ);
		return this.jdbc.sql("SELECT * FROM maturity.probe_result WHERE id = ?").param(id).query(this::row).optional();
	}

	/** A probe's results, newest first, at most {@code limit}. */
	public List<ProbeResult> history(String probeId, int limit) {
		this.authorization.require(MaturityPermissions.READ);
		return this.jdbc
			.sql("SELECT * FROM maturity.probe_result WHERE probe_id = ? ORDER BY evaluated_at DESC LIMIT ?")
			.params(probeId, limit)
			.query(this::row)
			.list();
	}

	/** When the newest run finished, if any. */
	public Optional<Instant> lastRunAt() {
		return this.jdbc.sql("SELECT max(finished_at) FROM maturity.probe_run")
			.query((rs, n) -> rs.getTimestamp(1))
			.optional()
			.filter(java.util.Objects::nonNull)
			.map(Timestamp::toInstant);
	}

	private ProbeResult row(ResultSet rs, int rowNumber) throws SQLException {
		return new ProbeResult(rs.getObject("id", UUID.class), rs.getObject("run_id", UUID.class),
				rs.getString("probe_id"), rs.getString("probe_version"), ProbeVerdict.valueOf(rs.getString("verdict")),
				new LocalizedText(rs.getString("summary_zh"), rs.getString("summary_en")),
				this.json.readValue(rs.getString("counts"), new TypeReference<Map<String, Object>>() {
				}), this.json.readValue(rs.getString("ids"), new TypeReference<List<String>>() {
				}), this.json.readValue(rs.getString("links"), new TypeReference<List<EvidenceLink>>() {
				}), Arrays.asList((String[]) rs.getArray("criteria").getArray()),
				rs.getTimestamp("evaluated_at").toInstant());
	}

	private record Evaluated(Probe probe, ProbeOutcome outcome) {
	}

}
