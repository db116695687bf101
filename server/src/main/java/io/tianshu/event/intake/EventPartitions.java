package io.tianshu.event.intake;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the monthly (UTC) partitions of {@code event.alert} (by first seen),
 * {@code event.alert_activity} (by its alert's first seen) and {@code event.raw_event}
 * (by received at): the current month and the next two exist from the start and are
 * checked daily; rows that landed in a DEFAULT partition move into their month's
 * partition when it is created. Retention ({@link EventProperties#retention()}, default
 * 400 days) drops whole partitions that end before now minus the retention, and the dedup
 * keys pointing into them.
 */
@Component
public class EventPartitions {

	private static final Logger log = LoggerFactory.getLogger(EventPartitions.class);

	/** Partitioned table → its partition key column. */
	static final Map<String, String> TABLES = Map.of("alert", "first_seen", "alert_activity", "alert_first_seen",
			"raw_event", "received_at");

	private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx");

	private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("uuuuMM");

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final EventProperties properties;

	EventPartitions(JdbcClient jdbc, TransactionTemplate tx, Clock clock, EventProperties properties) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
		this.properties = properties;
	}

	@EventListener(ApplicationStartedEvent.class)
	void onStart() {
		ensureAhead();
	}

	@Scheduled(cron = "${tianshu.event.partition-cron:0 27 3 * * *}", zone = "UTC")
	void daily() {
		try {
			ensureAhead();
			dropExpired();
		}
		catch (RuntimeException ex) {
			log.error("Event partition maintenance failed; inserts still go to the default partitions", ex);
		}
	}

	/** The current UTC month and the next two, for every partitioned table. */
	public void ensureAhead() {
		YearMonth now = YearMonth.from(this.clock.instant().atOffset(ZoneOffset.UTC));
		for (int i = 0; i <= 2; i++) {
			for (String table : TABLES.keySet()) {
				ensure(table, now.plusMonths(i));
			}
		}
	}

	/** Creates a table's partition of a month unless it exists; whether it did. */
	public boolean ensure(String table, YearMonth month) {
		String column = TABLES.get(table);
		String name = table + "_p" + month.format(SUFFIX);
		if (exists(name)) {
			return false;
		}
		return Boolean.TRUE.equals(this.tx.execute((status) -> {
			this.jdbc.sql("LOCK TABLE event." + table + "_default IN ACCESS EXCLUSIVE MODE").update();
			if (exists(name)) {
				return false;
			}
			OffsetDateTime from = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
			String lower = "'" + SQL_TIME.format(from) + "'";
			String upper = "'" + SQL_TIME.format(from.plusMonths(1)) + "'";
			// alert rows are updated in place by re-sends: room on each page keeps those
			// updates HOT (V60__alert_hot_updates.sql)
			String storage = "alert".equals(table) ? " WITH (fillfactor = 75)" : "";
			this.jdbc.sql("CREATE TABLE event." + name + " (LIKE event." + table + " INCLUDING DEFAULTS)" + storage)
				.update();
			int moved = this.jdbc
				.sql("WITH moved AS (DELETE FROM event." + table + "_default WHERE " + column + " >= " + lower + " AND "
						+ column + " < " + upper + " RETURNING *) INSERT INTO event." + name + " SELECT * FROM moved")
				.update();
			this.jdbc
				.sql("ALTER TABLE event." + table + " ATTACH PARTITION event." + name + " FOR VALUES FROM (" + lower
						+ ") TO (" + upper + ")")
				.update();
			log.info("Event partition {} created ({} row(s) moved from the default partition)", name, moved);
			return true;
		}));
	}

	/** Drops the monthly partitions wholly older than the retention; their names. */
	public List<String> dropExpired() {
		Instant cutoff = this.clock.instant().minus(this.properties.retention());
		List<String> dropped = new ArrayList<>();
		for (String table : TABLES.keySet()) {
			Pattern pattern = Pattern.compile(table + "_p(\\d{4})(\\d{2})");
			for (String name : partitions(table)) {
				Matcher m = pattern.matcher(name);
				if (!m.matches()) {
					continue;
				}
				YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
				Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
				if (end.isAfter(cutoff)) {
					continue;
				}
				this.tx.executeWithoutResult((status) -> {
					if (table.equals("alert")) {
						this.jdbc.sql("DELETE FROM event.alert_key WHERE first_seen < ?")
							.param(java.sql.Timestamp.from(end))
							.update();
					}
					this.jdbc.sql("ALTER TABLE event." + table + " DETACH PARTITION event." + name).update();
					this.jdbc.sql("DROP TABLE event." + name).update();
				});
				log.info("Event partition {} dropped (older than {})", name, this.properties.retention());
				dropped.add(name);
			}
		}
		return dropped;
	}

	/** The partitions of a table (not the default), by name. */
	public List<String> partitions(String table) {
		return this.jdbc.sql("""
				SELECT c.relname FROM pg_inherits i
				JOIN pg_class c ON c.oid = i.inhrelid
				JOIN pg_class p ON p.oid = i.inhparent
				JOIN pg_namespace n ON n.oid = p.relnamespace
				WHERE n.nspname = 'event' AND p.relname = ? AND c.relname <> ? ORDER BY c.relname""")
			.params(table, table + "_default")
			.query(String.class)
			.list();
	}

	private boolean exists(String name) {
		return this.jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param("event." + name).query(Boolean.class).single();
	}

}
