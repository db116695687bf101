package io.tianshu.cmdb.topology;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import io.tianshu.cmdb.CiChanged;
import io.tianshu.cmdb.CisImported;
import io.tianshu.cmdb.LifecycleState;
import io.tianshu.cmdb.RelationChanged;
import io.tianshu.cmdb.RelationsImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CI graph held in memory ({@link CiGraph}) for topology queries, kept current from
 * the database's own change record.
 * <p>
 * Every CI and relation change, whoever makes it (this node, another server node, an
 * import, the demo data), writes a row to {@code cmdb.ci_history} or
 * {@code cmdb.relation_history}. Before each query one statement compares the highest ids
 * of both with what the graph has applied (and asks whether rows have appeared in gaps,
 * see {@link ChangeFeed}); when behind, the changed CIs and relations are read again by
 * id and applied, so a query always sees every transaction committed before it. The CMDB
 * events ({@link CiChanged}, {@link CisImported}, {@link RelationChanged},
 * {@link RelationsImported}) run the same catch-up after their transaction commits, so
 * the next query usually finds nothing to do. More changes at once than the graph holds
 * CIs and relations (and at least {@value #RELOAD_ABOVE}), or the first use, load the
 * whole graph: reading 100,000 relations by id costs less than reading 400,000 again.
 * <p>
 * A caller inside a transaction that has written, or that reads at an isolation level
 * other than read committed, cannot use the graph (it would miss its own changes or see
 * later ones): {@link #read} answers empty and the caller asks the database.
 */
@Component
class GraphIndex {

	static final int RELOAD_ABOVE = 50_000;

	private static final Logger log = LoggerFactory.getLogger(GraphIndex.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate readOnly;

	/** Guards the graph: queries read it, catch-up and loads change or replace it. */
	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	/** One catch-up at a time; guards the feeds and {@link #loaded}. */
	private final ReentrantLock refreshing = new ReentrantLock();

	private CiGraph graph = new CiGraph();

	private boolean loaded;

	private final ChangeFeed cis = new ChangeFeed("cmdb.ci_history", "ci_id");

	private final ChangeFeed relations = new ChangeFeed("cmdb.relation_history", "relation_id");

	GraphIndex(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The reader's answer over a graph that holds every change committed before the call;
	 * empty when the caller's transaction has written or reads at another isolation level
	 * than read committed (ask the database then). The reader runs under a read lock and
	 * must not keep the graph.
	 */
	<T> Optional<T> read(Function<CiGraph, T> reader) {
		boolean current;
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
			current = (isolation == null || isolation == Connection.TRANSACTION_READ_COMMITTED) && refresh();
		}
		else {
			current = Boolean.TRUE.equals(this.readOnly.execute((status) -> refresh()));
		}
		if (!current) {
			return Optional.empty();
		}
		this.lock.readLock().lock();
		try {
			return Optional.of(reader.apply(this.graph));
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void warm() {
		try {
			this.readOnly.executeWithoutResult((status) -> refresh());
		}
		catch (RuntimeException ex) {
			// the first query loads it then
			log.warn("Loading the CI graph at start-up failed: {}", ex.getMessage());
		}
	}

	@ApplicationModuleListener
	void on(RelationChanged event) {
		refresh();
	}

	@ApplicationModuleListener
	void on(RelationsImported event) {
		refresh();
	}

	@ApplicationModuleListener
	void on(CiChanged event) {
		refresh();
	}

	@ApplicationModuleListener
	void on(CisImported event) {
		refresh();
	}

	/**
	 * Brings the graph up to what the current transaction sees; false (and nothing read)
	 * when the transaction has written itself.
	 */
	boolean refresh() {
		this.refreshing.lock();
		try {
			Check check = this.jdbc.sql("""
					SELECT (SELECT coalesce(max(id), 0) FROM cmdb.relation_history),
					  (SELECT coalesce(max(id), 0) FROM cmdb.ci_history),
					  (SELECT count(*) FROM cmdb.relation_history h
					    JOIN unnest(CAST(? AS bigint[]), CAST(? AS bigint[])) g(lo, hi) ON h.id BETWEEN g.lo AND g.hi),
					  (SELECT count(*) FROM cmdb.ci_history h
					    JOIN unnest(CAST(? AS bigint[]), CAST(? AS bigint[])) g(lo, hi) ON h.id BETWEEN g.lo AND g.hi),
					  CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint),
					  pg_current_xact_id_if_assigned() IS NOT NULL""")
				.params(this.relations.gapLows(), this.relations.gapHighs(), this.cis.gapLows(), this.cis.gapHighs())
				.query((rs, n) -> new Check(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
						rs.getBoolean(6)))
				.single();
			if (check.wrote()) {
				return false;
			}
			if (!this.loaded) {
				load();
				return true;
			}
			if (check.relationGapRows() == 0) {
				this.relations.settle(check.xmin());
			}
			if (check.ciGapRows() == 0) {
				this.cis.settle(check.xmin());
			}
			if (this.cis.behind(check.ciMax(), check.ciGapRows())
					|| this.relations.behind(check.relationMax(), check.relationGapRows())) {
				catchUp();
			}
			return true;
		}
		finally {
			this.refreshing.unlock();
		}
	}

	/** Reads the CIs and relations changed since the last look and applies them. */
	private void catchUp() {
		List<long[]> ciRows = changes(this.cis);
		List<long[]> relationRows = (ciRows != null) ? changes(this.relations) : null;
		if (ciRows == null || relationRows == null) {
			load();
			return;
		}
		long xmax = xmax();
		Set<UUID> changedCis = ids(ciRows);
		Set<UUID> changedRelations = ids(relationRows);
		List<CiRow> ciStates = cis(changedCis);
		List<RelationRow> present = this.jdbc
			.sql("SELECT id, type_code, source_id, target_id FROM cmdb.relation WHERE id = ANY (?)")
			.param(changedRelations.toArray(UUID[]::new))
			.query((rs, n) -> new RelationRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getObject(4, UUID.class)))
			.list();
		this.lock.writeLock().lock();
		try {
			ciStates.forEach((ci) -> this.graph.putCi(ci.id(), ci.model(), ci.name(), ci.state()));
			Set<UUID> missingEnds = new HashSet<>();
			for (RelationRow relation : present) {
				for (UUID end : List.of(relation.source(), relation.target())) {
					if (this.graph.slot(end) < 0) {
						missingEnds.add(end);
					}
				}
			}
			if (!missingEnds.isEmpty()) {
				// a CI whose history row is in a gap still open; its row is committed
				cis(missingEnds).forEach((ci) -> this.graph.putCi(ci.id(), ci.model(), ci.name(), ci.state()));
			}
			Set<UUID> kept = new HashSet<>();
			for (RelationRow relation : present) {
				if (this.graph.putRelation(relation.id(), relation.type(), relation.source(), relation.target())) {
					kept.add(relation.id());
				}
			}
			for (UUID id : changedRelations) {
				if (!kept.contains(id)) {
					this.graph.removeRelation(id);
				}
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
		this.cis.advance(ciRows.stream().mapToLong((r) -> r[0]).toArray(), xmax);
		this.relations.advance(relationRows.stream().mapToLong((r) -> r[0]).toArray(), xmax);
	}

	/**
	 * The history rows (id, what changed as two longs) after the feed's mark and in its
	 * gaps, ascending; null when there are more than {@link #reloadAbove()}.
	 */
	private List<long[]> changes(ChangeFeed feed) {
		int limit = reloadAbove();
		List<long[]> rows = new ArrayList<>(this.jdbc.sql("""
				SELECT id, %2$s FROM %1$s WHERE id > ? ORDER BY id LIMIT ?""".formatted(feed.table(), feed.column()))
			.params(feed.seen(), limit + 1)
			.query((rs, n) -> row(rs.getLong(1), rs.getObject(2, UUID.class)))
			.list());
		if (rows.size() > limit) {
			return null;
		}
		if (feed.hasGaps()) {
			rows.addAll(this.jdbc
				.sql("""
						SELECT h.id, h.%2$s FROM %1$s h
						JOIN unnest(CAST(? AS bigint[]), CAST(? AS bigint[])) g(lo, hi) ON h.id BETWEEN g.lo AND g.hi"""
					.formatted(feed.table(), feed.column()))
				.params(feed.gapLows(), feed.gapHighs())
				.query((rs, n) -> row(rs.getLong(1), rs.getObject(2, UUID.class)))
				.list());
			rows.sort((a, b) -> Long.compare(a[0], b[0]));
		}
		return (rows.size() > limit) ? null : rows;
	}

	/** How many changes a catch-up applies before a full load is cheaper. */
	private int reloadAbove() {
		return Math.max(RELOAD_ABOVE, this.graph.ciCount() + this.graph.relationCount());
	}

	private static long[] row(long id, UUID changed) {
		return new long[] { id, changed.getMostSignificantBits(), changed.getLeastSignificantBits() };
	}

	private static Set<UUID> ids(List<long[]> rows) {
		Set<UUID> ids = new HashSet<>();
		rows.forEach((r) -> ids.add(new UUID(r[1], r[2])));
		return ids;
	}

	private List<CiRow> cis(Set<UUID> ids) {
		return this.jdbc.sql("SELECT id, model_code, name, state FROM cmdb.ci WHERE id = ANY (?)")
			.param(ids.toArray(UUID[]::new))
			.query((rs, n) -> new CiRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					LifecycleState.valueOf(rs.getString(4))))
			.list();
	}

	/**
	 * Loads the whole graph. The marks and gaps are read first: a change committed while
	 * the rest is read is then either read already or read again at the next look, which
	 * reads CIs and relations by id and so applies nothing twice.
	 */
	private void load() {
		long started = System.nanoTime();
		long ciMark = mark(this.cis);
		long relationMark = mark(this.relations);
		List<ChangeFeed.Gap> ciGaps = new ArrayList<>();
		List<ChangeFeed.Gap> relationGaps = new ArrayList<>();
		List<long[]> ciHoles = holes(this.cis);
		List<long[]> relationHoles = holes(this.relations);
		long xmax = xmax();
		ciHoles.forEach((h) -> ciGaps.add(new ChangeFeed.Gap(h[0], h[1], xmax)));
		relationHoles.forEach((h) -> relationGaps.add(new ChangeFeed.Gap(h[0], h[1], xmax)));
		int[] sizes = this.jdbc.sql("SELECT (SELECT count(*) FROM cmdb.ci), (SELECT count(*) FROM cmdb.relation)")
			.query((rs, n) -> new int[] { rs.getInt(1), rs.getInt(2) })
			.single();
		CiGraph loading = new CiGraph(sizes[0] + sizes[0] / 8, sizes[1] + sizes[1] / 8);
		Map<String, LifecycleState> states = new HashMap<>();
		for (LifecycleState state : LifecycleState.values()) {
			states.put(state.name(), state);
		}
		this.jdbc.sql("SELECT id, model_code, name, state FROM cmdb.ci")
			.query((RowCallbackHandler) (rs) -> loading.putCi(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getString(3), states.get(rs.getString(4))));
		this.jdbc.sql("SELECT id, type_code, source_id, target_id FROM cmdb.relation")
			.query((RowCallbackHandler) (rs) -> loading.putRelation(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getObject(3, UUID.class), rs.getObject(4, UUID.class)));
		this.lock.writeLock().lock();
		try {
			this.graph = loading;
		}
		finally {
			this.lock.writeLock().unlock();
		}
		this.cis.reset(ciMark, ciGaps);
		this.relations.reset(relationMark, relationGaps);
		this.loaded = true;
		log.info("Loaded the CI graph: {} CIs, {} relations in {} ms", loading.ciCount(), loading.relationCount(),
				(System.nanoTime() - started) / 1_000_000);
	}

	private long mark(ChangeFeed feed) {
		return this.jdbc.sql("SELECT coalesce(max(id), 0) FROM " + feed.table()).query(Long.class).single();
	}

	/** The ranges of ids missing from the table below its highest. */
	private List<long[]> holes(ChangeFeed feed) {
		return this.jdbc.sql("""
				SELECT prev + 1, id - 1 FROM (SELECT id, lag(id, 1, CAST(0 AS bigint)) OVER (ORDER BY id) AS prev
				  FROM %s) ids WHERE id - prev > 1""".formatted(feed.table()))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
	}

	private long xmax() {
		return this.jdbc.sql("SELECT CAST(CAST(pg_snapshot_xmax(pg_current_snapshot()) AS text) AS bigint)")
			.query(Long.class)
			.single();
	}

	private record Check(long relationMax, long ciMax, long relationGapRows, long ciGapRows, long xmin, boolean wrote) {
	}

	private record CiRow(UUID id, String model, String name, LifecycleState state) {
	}

	private record RelationRow(UUID id, String type, UUID source, UUID target) {
	}

}
