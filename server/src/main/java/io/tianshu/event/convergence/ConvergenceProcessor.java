package io.tianshu.event.convergence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.tianshu.event.AlertOpened;
import io.tianshu.event.AlertQuery;
import io.tianshu.event.AlertResolved;
import io.tianshu.event.AlertState;
import io.tianshu.event.AlertView;
import io.tianshu.event.Alerts;
import io.tianshu.event.LabelMatcher;
import io.tianshu.event.Severity;
import io.tianshu.platform.Authorization;
import io.tianshu.platform.CursorPage;
import io.tianshu.platform.TianshuException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Convergence, off the ingest path: one thread takes alert ids (queued after the intake's
 * commit by a plain listener on {@link AlertOpened} / {@link AlertResolved} — no
 * publication-registry row per alert, so the intake's batches stay as they are) and
 * silence / window / rule changes, and applies grouping, silences, maintenance windows,
 * inhibition and topology inhibition to each, as the system: what the queue holds at once
 * (up to 100 tasks) in one transaction, and each on its own again when that one fails.
 * <p>
 * Processing is state based and idempotent: {@code event.alert_convergence} records
 * whether an alert was handled as active or as over, and a sweep (every
 * {@code tianshu.event.convergence.sweep}, and at start) picks up whatever a restart, a
 * full queue or another node left unhandled. The ticker (every
 * {@code tianshu.event.convergence.tick}) notices silences and windows starting and
 * ending.
 */
@Component
class ConvergenceProcessor implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ConvergenceProcessor.class);

	private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
	};

	private static final Set<AlertState> ACTIVE = Set.of(AlertState.OPEN, AlertState.ACKNOWLEDGED,
			AlertState.SUPPRESSED);

	private static final int MAX_SCOPE_ALERTS = 20_000;

	/** Tasks taken from the queue at once and processed in one transaction. */
	private static final int BATCH = 100;

	private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>(200_000);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final TransactionTemplate tx;

	private final Authorization authorization;

	private final Alerts alerts;

	private final ConvergenceState state;

	private final GroupingRules grouping;

	private final GroupStore groups;

	private final GroupFlusher flusher;

	private final SuppressionRecords records;

	private final TopologyCache topology;

	private final OpenCauses causes;

	private volatile boolean running;

	private Thread thread;

	ConvergenceProcessor(JdbcClient jdbc, JsonMapper json, Clock clock, TransactionTemplate tx,
			Authorization authorization, Alerts alerts, ConvergenceState state, GroupingRules grouping,
			GroupStore groups, GroupFlusher flusher, SuppressionRecords records, TopologyCache topology,
			OpenCauses causes) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.tx = tx;
		this.authorization = authorization;
		this.alerts = alerts;
		this.state = state;
		this.grouping = grouping;
		this.groups = groups;
		this.flusher = flusher;
		this.records = records;
		this.topology = topology;
		this.causes = causes;
	}

	sealed interface Task permits AlertTask, ScopeTask, RuleTask {

	}

	/** Bring the alert's convergence in line with its state. */
	record AlertTask(long alertId) implements Task {
	}

	/** Bring the alerts held by a silence or window in line with it. */
	record ScopeTask(String kind, UUID id) implements Task {
	}

	/** Inhibition rules or topology settings changed: re-evaluate the active alerts. */
	record RuleTask() implements Task {
	}

	// intake side: cheap, after commit

	@EventListener
	void on(AlertOpened event) {
		afterCommit(new AlertTask(event.alertId()));
	}

	@EventListener
	void on(AlertResolved event) {
		afterCommit(new AlertTask(event.alertId()));
	}

	void afterCommit(Task task) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					offer(task);
				}
			});
		}
		else {
			offer(task);
		}
	}

	private void offer(Task task) {
		if (!this.queue.offer(task)) {
			// the sweep catches up on alerts; scope and rule tasks are re-derived by it
			// too
			log.debug("Convergence queue full, {} left to the sweep", task);
		}
	}

	/** After a definition changed on this node: reload and act on what changed. */
	void definitionsChanged() {
		this.state.reload();
		tick();
	}

	// schedules

	@Scheduled(fixedDelayString = "${tianshu.event.convergence.tick:1s}")
	void tick() {
		if (!this.running) {
			return;
		}
		for (String ref : this.state.tick()) {
			int colon = ref.indexOf(':');
			offer(new ScopeTask(ref.substring(0, colon), UUID.fromString(ref.substring(colon + 1))));
		}
	}

	@Scheduled(fixedDelayString = "${tianshu.event.convergence.sweep:30s}",
			initialDelayString = "${tianshu.event.convergence.sweep:30s}")
	void sweep() {
		if (!this.running) {
			return;
		}
		try {
			this.state.reload();
			tick();
			rebuildCauses();
			this.jdbc
				.sql("""
						SELECT a.id FROM event.alert a WHERE a.state IN ('OPEN', 'ACKNOWLEDGED', 'SUPPRESSED')
						AND NOT EXISTS (SELECT 1 FROM event.alert_convergence c WHERE c.alert_id = a.id AND c.handled = 'ACTIVE')
						ORDER BY a.id LIMIT 5000""")
				.query(Long.class)
				.list()
				.forEach((id) -> offer(new AlertTask(id)));
			this.jdbc.sql("""
					SELECT c.alert_id FROM event.alert_convergence c JOIN event.alert a ON a.id = c.alert_id
					  AND a.first_seen = c.alert_first_seen
					WHERE c.handled = 'ACTIVE' AND a.state IN ('RESOLVED', 'CLOSED') LIMIT 5000""")
				.query(Long.class)
				.list()
				.forEach((id) -> offer(new AlertTask(id)));
			this.flusher.sweep();
		}
		catch (RuntimeException ex) {
			log.warn("Convergence sweep failed: {}", ex.getMessage());
		}
	}

	// the worker

	private void run() {
		List<Task> batch = new ArrayList<>(BATCH);
		while (this.running) {
			Task first;
			try {
				first = this.queue.poll(200, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (first == null) {
				continue;
			}
			batch.clear();
			batch.add(first);
			this.queue.drainTo(batch, BATCH - 1);
			if (batch.size() > 1 && inOneTransaction(batch) == null) {
				continue;
			}
			for (Task task : batch) {
				RuntimeException failure = inOneTransaction(List.of(task));
				if (failure != null) {
					log.warn("Convergence of {} failed (the sweep retries): {}", task, failure.toString());
				}
			}
		}
	}

	/**
	 * The tasks in one transaction (a burst of new alerts costs one commit per batch, not
	 * one per alert), their group flushes scheduled after it; what made it fail and roll
	 * back, or null.
	 */
	private RuntimeException inOneTransaction(List<Task> tasks) {
		try {
			this.authorization.runAsSystem(() -> {
				List<GroupStore.Due> due = new ArrayList<>();
				this.tx.executeWithoutResult((status) -> tasks.forEach((task) -> process(task, due)));
				due.forEach(this.flusher::schedule);
			});
			return null;
		}
		catch (RuntimeException ex) {
			log.debug("Convergence of {} task(s) failed and was rolled back: {}", tasks.size(), ex.toString());
			return ex;
		}
	}

	void process(Task task, List<GroupStore.Due> due) {
		switch (task) {
			case AlertTask t -> alert(t.alertId(), due);
			case ScopeTask t -> scope(t.kind(), t.id());
			case RuleTask t -> rules();
		}
	}

	private void alert(long id, List<GroupStore.Due> due) {
		AlertFacts a = facts(id);
		if (a == null) {
			return;
		}
		String handled = this.jdbc.sql("SELECT handled FROM event.alert_convergence WHERE alert_id = ?")
			.param(id)
			.query(String.class)
			.optional()
			.orElse(null);
		Instant now = this.clock.instant();
		if (a.state().active()) {
			if ("ACTIVE".equals(handled)) {
				return;
			}
			opened(a, now, due);
			handled(a, "ACTIVE", now);
		}
		else if ("ACTIVE".equals(handled)) {
			resolved(a, now, due);
			handled(a, "RESOLVED", now);
		}
	}

	private void handled(AlertFacts a, String handled, Instant now) {
		this.jdbc
			.sql("""
					INSERT INTO event.alert_convergence (alert_id, alert_first_seen, handled, updated_at) VALUES (?, ?, ?, ?)
					ON CONFLICT (alert_id) DO UPDATE SET handled = EXCLUDED.handled, updated_at = EXCLUDED.updated_at""")
			.params(a.id(), Timestamp.from(a.firstSeen()), handled, Timestamp.from(now))
			.update();
	}

	private void opened(AlertFacts a, Instant now, List<GroupStore.Due> due) {
		for (Grouping.Assignment assignment : Grouping.assign(this.grouping.compiled(), a)) {
			GroupStore.Due d = this.groups.join(a, assignment, now);
			if (d != null) {
				due.add(d);
			}
		}
		ConvergenceState.Snapshot s = this.state.snapshot();
		// what holds this alert down
		for (ConvergenceState.ActiveScope scope : this.state.activeScopes(now)) {
			if (scope.scope().matches(a)) {
				this.records.hold(a, scope.kind(), scope.ref(), null, null, true, now);
			}
		}
		for (ConvergenceState.InhibitDef rule : s.inhibitRules()) {
			if (rule.isTarget(a.labels())) {
				AlertFacts source = inhibitSource(rule, a);
				if (source != null) {
					this.records.hold(a, ConvergenceState.INHIBIT, rule.id().toString(), source.id(),
							Map.of("rule", rule.name(), "sourceAlertId", source.id()), true, now);
				}
			}
		}
		TopologyInhibition settings = s.topology();
		if (settings.enabled() && a.ciId() != null) {
			symptomOfUpstream(a, settings, now);
		}
		// what this alert holds down
		boolean cause = false;
		for (ConvergenceState.InhibitDef rule : s.inhibitRules()) {
			if (rule.isSource(a.labels())) {
				cause = true;
				for (AlertFacts t : inhibitTargets(rule, a)) {
					if (this.records.hold(t, ConvergenceState.INHIBIT, rule.id().toString(), a.id(),
							Map.of("rule", rule.name(), "sourceAlertId", a.id()), true, now)) {
						apply(t);
					}
				}
			}
		}
		if (settings.enabled() && a.ciId() != null && a.severity().atLeast(settings.minSeverity())) {
			cause = true;
			symptomsDownstream(a, settings, now);
		}
		if (cause) {
			this.causes.add(a);
		}
		apply(a);
	}

	private void resolved(AlertFacts a, Instant now, List<GroupStore.Due> due) {
		due.addAll(this.groups.leave(a.id()).stream().filter((d) -> d != null).toList());
		this.causes.remove(a.id());
		for (SuppressionRecords.Active r : this.records.activeByCause(a.id())) {
			if (this.records.release(r.alertId(), r.kind(), r.ref(), now)) {
				AlertFacts t = facts(r.alertId());
				if (t == null) {
					continue;
				}
				if (ConvergenceState.TOPOLOGY.equals(r.kind())) {
					this.records.timeline(t, "SYMPTOM_RELEASED",
							Map.of("symptomOf", a.id(), "reason", "the upstream alert #" + a.id() + " resolved"), now);
				}
				apply(t);
			}
		}
		this.records.releaseAll(a.id(), now);
	}

	private void scope(String kind, UUID id) {
		Instant now = this.clock.instant();
		var scope = this.state.activeScope(kind, id);
		Map<Long, SuppressionRecords.Active> current = new LinkedHashMap<>();
		this.records.activeByRef(kind, id.toString()).forEach((r) -> current.put(r.alertId(), r));
		Set<Long> matching = new HashSet<>();
		if (scope.isPresent()) {
			Scope sc = scope.get().scope();
			for (AlertFacts a : search(sc.matchers(), sc.ciId(), sc.businessSystemId(), MAX_SCOPE_ALERTS)) {
				if (!sc.matches(a)) {
					continue;
				}
				matching.add(a.id());
				if (this.records.hold(a, kind, id.toString(), null, null, true, now)) {
					apply(a);
				}
			}
		}
		for (SuppressionRecords.Active r : current.values()) {
			if (!matching.contains(r.alertId()) && this.records.release(r.alertId(), kind, r.ref(), now)) {
				AlertFacts a = facts(r.alertId());
				if (a != null) {
					apply(a);
				}
			}
		}
	}

	private void rules() {
		Instant now = this.clock.instant();
		ConvergenceState.Snapshot s = this.state.snapshot();
		Set<String> ruleIds = new HashSet<>();
		s.inhibitRules().forEach((r) -> ruleIds.add(r.id().toString()));
		// release what rules that no longer exist (or are disabled) held, and symptoms
		// when topology inhibition is off
		List<SuppressionRecords.Active> held = this.jdbc.sql("""
				SELECT alert_id, kind, ref FROM event.alert_suppression
				WHERE kind IN ('INHIBIT', 'TOPOLOGY') AND released_at IS NULL""")
			.query((rs, n) -> new SuppressionRecords.Active(rs.getLong(1), null, rs.getString(2), rs.getString(3), null,
					false, Map.of()))
			.list();
		for (SuppressionRecords.Active r : held) {
			boolean stale = ConvergenceState.INHIBIT.equals(r.kind()) ? !ruleIds.contains(r.ref())
					: !s.topology().enabled();
			if (stale && this.records.release(r.alertId(), r.kind(), r.ref(), now)) {
				AlertFacts a = facts(r.alertId());
				if (a != null) {
					apply(a);
				}
			}
		}
		// the active alerts as causes again
		for (AlertFacts a : search(List.of(), null, null, MAX_SCOPE_ALERTS)) {
			for (ConvergenceState.InhibitDef rule : s.inhibitRules()) {
				if (rule.isSource(a.labels())) {
					this.causes.add(a);
					for (AlertFacts t : inhibitTargets(rule, a)) {
						if (this.records.hold(t, ConvergenceState.INHIBIT, rule.id().toString(), a.id(),
								Map.of("rule", rule.name(), "sourceAlertId", a.id()), true, now)) {
							apply(t);
						}
					}
				}
			}
			if (s.topology().enabled() && a.ciId() != null && a.severity().atLeast(s.topology().minSeverity())) {
				this.causes.add(a);
				symptomsDownstream(a, s.topology(), now);
			}
		}
	}

	/** Marks the alert a symptom of the upstream-most active alert it relies on. */
	private void symptomOfUpstream(AlertFacts a, TopologyInhibition settings, Instant now) {
		Map<java.util.UUID, TopologyCache.Dependency> up = this.topology.upstream(a.ciId(), settings);
		if (up.isEmpty()) {
			return;
		}
		List<AlertFacts> upstream = this.jdbc.sql("SELECT " + AlertFacts.COLUMNS + """
				 FROM event.alert WHERE ci_id IN (:cis) AND state IN ('OPEN', 'ACKNOWLEDGED', 'SUPPRESSED')
				AND severity IN (:severities) AND id <> :id ORDER BY id LIMIT 200""")
			.param("cis", List.copyOf(up.keySet()))
			.param("severities", severities(settings.minSeverity()))
			.param("id", a.id())
			.query((rs, n) -> AlertFacts.read(rs, this::labels))
			.list();
		upstream.stream()
			.filter((c) -> !this.records.isSymptomOf(c.id(), a.id()))
			.max(Comparator.comparingInt((AlertFacts c) -> up.get(c.ciId()).depth())
				.thenComparing((c) -> -c.severity().ordinal())
				.thenComparing((c) -> c.firstSeen(), Comparator.reverseOrder()))
			.ifPresent((c) -> symptom(a, c, up.get(c.ciId()), settings, now));
	}

	/** Marks the active alerts on CIs relying on the cause's CI as its symptoms. */
	private void symptomsDownstream(AlertFacts cause, TopologyInhibition settings, Instant now) {
		Map<UUID, Integer> down = this.topology.downstream(cause.ciId(), settings);
		if (down.isEmpty()) {
			return;
		}
		List<AlertFacts> affected = this.jdbc.sql("SELECT " + AlertFacts.COLUMNS + """
				 FROM event.alert WHERE ci_id IN (:cis) AND state IN ('OPEN', 'ACKNOWLEDGED', 'SUPPRESSED')
				AND id <> :id ORDER BY id LIMIT 2000""")
			.param("cis", List.copyOf(down.keySet()))
			.param("id", cause.id())
			.query((rs, n) -> AlertFacts.read(rs, this::labels))
			.list();
		for (AlertFacts t : affected) {
			if (this.records.isSymptomOf(cause.id(), t.id())) {
				continue;
			}
			TopologyCache.Dependency dep = this.topology.upstream(t.ciId(), settings).get(cause.ciId());
			if (dep != null && symptom(t, cause, dep, settings, now)) {
				apply(t);
			}
		}
	}

	private boolean symptom(AlertFacts a, AlertFacts cause, TopologyCache.Dependency dep, TopologyInhibition settings,
			Instant now) {
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("symptomOf", cause.id());
		detail.put("causeSummary", cause.summary());
		detail.put("causeCiId", cause.ciId().toString());
		detail.put("causeCiName", dep.name());
		detail.put("depth", dep.depth());
		detail.put("path", dep.path());
		boolean added = this.records.hold(a, ConvergenceState.TOPOLOGY, Long.toString(cause.id()), cause.id(), detail,
				settings.mode() == TopologyInhibition.Mode.SUPPRESS, now);
		if (added) {
			this.records.timeline(a, "SYMPTOM", detail, now);
		}
		return added;
	}

	/**
	 * Puts the alert into the state its active records call for: SUPPRESSED while one
	 * suppresses; OPEN again when none does and it was convergence that suppressed it.
	 */
	private void apply(AlertFacts stale) {
		AlertFacts a = facts(stale.id());
		if (a == null) {
			return;
		}
		List<SuppressionRecords.Active> active = this.records.activeOf(a.id());
		SuppressionRecords.Active holding = active.stream()
			.filter(SuppressionRecords.Active::suppressing)
			.findFirst()
			.orElse(null);
		try {
			if (holding != null && a.state() == AlertState.OPEN) {
				this.alerts.suppress(a.id(), reason(holding));
			}
			else if (holding == null && a.state() == AlertState.SUPPRESSED) {
				String last = this.records.lastSuppressionReason(a.id(), a.firstSeen());
				if (last != null && SuppressionRecords.OURS.matcher(last).matches()) {
					this.alerts.unsuppress(a.id(), "released: nothing holds the alert down any more");
				}
			}
		}
		catch (TianshuException ex) {
			// the state moved meanwhile (acknowledged, resolved): nothing to change
			log.debug("Alert {} not changed: {}", a.id(), ex.getMessage());
		}
	}

	static String reason(SuppressionRecords.Active r) {
		return switch (r.kind()) {
			case ConvergenceState.SILENCE -> "silence:" + r.ref();
			case ConvergenceState.MAINTENANCE -> "maintenance:" + r.ref();
			case ConvergenceState.INHIBIT -> "inhibit:" + r.detail().get("rule") + " by alert #" + r.causeAlertId();
			default -> "symptom:of alert #" + r.causeAlertId();
		};
	}

	private AlertFacts inhibitSource(ConvergenceState.InhibitDef rule, AlertFacts target) {
		List<LabelMatcher> matchers = new ArrayList<>(rule.source());
		matchers.addAll(equalMatchers(rule, target.labels()));
		boolean targetIsSource = rule.isSource(target.labels());
		for (AlertFacts s : search(matchers, null, null, 50)) {
			if (s.id() == target.id() || !rule.isSource(s.labels()) || !rule.equalLabels(s.labels(), target.labels())) {
				continue;
			}
			if (targetIsSource && rule.isTarget(s.labels())) {
				continue;
			}
			return s;
		}
		return null;
	}

	private List<AlertFacts> inhibitTargets(ConvergenceState.InhibitDef rule, AlertFacts source) {
		List<LabelMatcher> matchers = new ArrayList<>(rule.target());
		matchers.addAll(equalMatchers(rule, source.labels()));
		boolean sourceIsTarget = rule.isTarget(source.labels());
		List<AlertFacts> out = new ArrayList<>();
		for (AlertFacts t : search(matchers, null, null, MAX_SCOPE_ALERTS)) {
			if (t.id() == source.id() || !rule.isTarget(t.labels()) || !rule.equalLabels(source.labels(), t.labels())) {
				continue;
			}
			if (sourceIsTarget && rule.isSource(t.labels())) {
				continue;
			}
			out.add(t);
		}
		return out;
	}

	private static List<LabelMatcher> equalMatchers(ConvergenceState.InhibitDef rule, Map<String, String> labels) {
		List<LabelMatcher> out = new ArrayList<>();
		for (String name : rule.equal()) {
			String value = labels.get(name);
			out.add((value != null && !value.isEmpty()) ? new LabelMatcher(name, LabelMatcher.Op.EQUAL, value)
					: new LabelMatcher(name, LabelMatcher.Op.NOT_REGEX, ".+"));
		}
		return out;
	}

	/** Active alerts matching, through the alert API (as the system). */
	private List<AlertFacts> search(List<LabelMatcher> matchers, UUID ci, UUID businessSystem, int max) {
		List<AlertFacts> out = new ArrayList<>();
		String cursor = null;
		do {
			CursorPage<AlertView> page = this.alerts.search(new AlertQuery(ACTIVE, null, null, null, ci, businessSystem,
					matchers, null, null, null, cursor, 500));
			for (AlertView v : page.items()) {
				out.add(new AlertFacts(v.id(), v.firstSeen(), v.state(), v.severity(), v.summary(), v.labels(),
						v.ciId(), v.businessSystemId(), v.integrationId()));
			}
			cursor = page.nextCursor();
		}
		while (cursor != null && out.size() < max);
		return out;
	}

	private void rebuildCauses() {
		ConvergenceState.Snapshot s = this.state.snapshot();
		List<AlertFacts> candidates = new ArrayList<>();
		if (s.topology().enabled()) {
			candidates.addAll(this.jdbc.sql("SELECT " + AlertFacts.COLUMNS + """
					 FROM event.alert WHERE ci_id IS NOT NULL AND state IN ('OPEN', 'ACKNOWLEDGED', 'SUPPRESSED')
					AND severity IN (:severities) LIMIT 20000""")
				.param("severities", severities(s.topology().minSeverity()))
				.query((rs, n) -> AlertFacts.read(rs, this::labels))
				.list());
		}
		for (ConvergenceState.InhibitDef rule : s.inhibitRules()) {
			this.authorization.runAsSystem(() -> candidates.addAll(search(rule.source(), null, null, 5000)));
		}
		this.causes.clear();
		candidates.forEach(this.causes::add);
	}

	private AlertFacts facts(long id) {
		return this.jdbc.sql("SELECT " + AlertFacts.COLUMNS + " FROM event.alert WHERE id = ?")
			.param(id)
			.query((rs, n) -> AlertFacts.read(rs, this::labels))
			.optional()
			.orElse(null);
	}

	static List<String> severities(Severity min) {
		return Arrays.stream(Severity.values()).filter((s) -> s.atLeast(min)).map(Enum::name).toList();
	}

	private Map<String, String> labels(String text) {
		return this.json.readValue(text, LABELS);
	}

	// lifecycle

	@Override
	public void start() {
		this.state.reload();
		this.running = true;
		this.thread = Thread.ofPlatform().name("event-convergence").daemon(true).start(this::run);
		// silences and windows as they are now, and what earlier runs left held
		tick();
		this.jdbc.sql("""
				SELECT DISTINCT kind, ref FROM event.alert_suppression
				WHERE released_at IS NULL AND kind IN ('SILENCE', 'MAINTENANCE')""")
			.query((rs, n) -> new ScopeTask(rs.getString(1), UUID.fromString(rs.getString(2))))
			.list()
			.forEach(this::offer);
		this.authorization.runAsSystem(this::rebuildCauses);
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
			try {
				this.thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// after the intake (which stops first), before the web server
		return Integer.MAX_VALUE - 2000;
	}

}
