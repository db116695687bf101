package io.tianshu.platform.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tianshu.platform.AuditChainStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the monthly partitions of {@code platform.audit_record} (UTC months): the current
 * month and the next two exist from the start and are checked daily, and partitions
 * wholly older than the retention period are dropped. Rows that landed in the DEFAULT
 * partition (a clock far off, a long downtime) move into their month's partition when it
 * is created. Dropping leaves an anchor per contiguous seq run, so verification still
 * proves the chain continuous across the gap; nothing is dropped while the chain is
 * broken, so evidence of tampering is never thrown away by retention.
 */
@Component
class AuditPartitions {

	private static final Logger log = LoggerFactory.getLogger(AuditPartitions.class);

	static final String PREFIX = "audit_record_p";

	private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d{4})(\\d{2})");

	private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx");

	private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("uuuuMM");

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final AuditProperties properties;

	private final ChainVerifier verifier;

	AuditPartitions(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditProperties properties,
			ChainVerifier verifier) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
		this.properties = properties;
		this.verifier = verifier;
	}

	// before the application runners (demo data), so their records land in their month
	@EventListener(ApplicationStartedEvent.class)
	void onStart() {
		ensureAhead();
	}

	/** Daily: partitions ahead, then retention. */
	@Scheduled(cron = "${tianshu.audit.partition-cron:0 17 3 * * *}", zone = "UTC")
	void daily() {
		try {
			ensureAhead();
			dropExpired();
		}
		catch (RuntimeException ex) {
			log.error("Audit partition maintenance failed; inserts still go to the default partition", ex);
		}
	}

	/** Makes sure the current UTC month and the next two have partitions. */
	void ensureAhead() {
		YearMonth now = YearMonth.from(this.clock.instant().atOffset(ZoneOffset.UTC));
		for (int i = 0; i <= 2; i++) {
			ensure(now.plusMonths(i));
		}
	}

	/**
	 * Creates the partition of a month unless it exists, moving that month's rows out of
	 * the default partition first. Runs under the chain lock so no append lands in the
	 * default partition meanwhile.
	 * @return whether it was created
	 */
	boolean ensure(YearMonth month) {
		String name = PREFIX + month.format(SUFFIX);
		if (exists(name)) {
			return false;
		}
		return Boolean.TRUE.equals(this.tx.execute((status) -> {
			this.jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(AuditChain.LOCK_KEY).query((rs, n) -> 1).single();
			if (exists(name)) {
				return false;
			}
			OffsetDateTime from = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
			OffsetDateTime to = from.plusMonths(1);
			String lower = "'" + SQL_TIME.format(from) + "'";
			String upper = "'" + SQL_TIME.format(to) + "'";
			this.jdbc.sql("CREATE TABLE platform." + name + " (LIKE platform.audit_record INCLUDING DEFAULTS)")
				.update();
			int moved = this.jdbc
				.sql("WITH moved AS (DELETE FROM platform.audit_record_default WHERE occurred_at >= " + lower
						+ " AND occurred_at < " + upper + " RETURNING *) INSERT INTO platform." + name
						+ " SELECT * FROM moved")
				.update();
			this.jdbc
				.sql("ALTER TABLE platform.audit_record ATTACH PARTITION platform." + name + " FOR VALUES FROM ("
						+ lower + ") TO (" + upper + ")")
				.update();
			log.info("Audit partition {} created ({} row(s) moved from the default partition)", name, moved);
			return true;
		}));
	}

	/**
	 * Drops the monthly partitions that end before now minus the retention period.
	 * @return the names of the dropped partitions
	 */
	List<String> dropExpired() {
		Instant cutoff = this.clock.instant().minus(java.time.Duration.ofDays(this.properties.retentionDays()));
		List<String> expired = new ArrayList<>();
		for (String name : partitions()) {
			Matcher m = NAME.matcher(name);
			if (m.matches()) {
				YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
				Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
				if (!end.isAfter(cutoff)) {
					expired.add(name);
				}
			}
		}
		if (expired.isEmpty()) {
			return List.of();
		}
		AuditChainStatus status = this.verifier.verify();
		if (!status.intact()) {
			log.error("Audit retention skipped: the hash chain is broken ({}); nothing is dropped", status.reason());
			return List.of();
		}
		List<String> dropped = new ArrayList<>();
		for (String name : expired) {
			this.tx.executeWithoutResult((tx) -> {
				this.jdbc.sql("SELECT pg_advisory_xact_lock(?)")
					.param(AuditChain.LOCK_KEY)
					.query((rs, n) -> 1)
					.single();
				anchor(name);
				this.jdbc.sql("ALTER TABLE platform.audit_record DETACH PARTITION platform." + name).update();
				this.jdbc.sql("DROP TABLE platform." + name).update();
			});
			log.info("Audit partition {} dropped (older than {} days)", name, this.properties.retentionDays());
			dropped.add(name);
		}
		return dropped;
	}

	/** One anchor per contiguous seq run in the partition (normally exactly one). */
	private void anchor(String name) {
		this.jdbc.sql("""
				INSERT INTO platform.audit_anchor (first_seq, last_seq, first_prev_hash, last_hash, record_count,
				  partition_name, dropped_at)
				SELECT min(seq), max(seq), (array_agg(prev_hash ORDER BY seq))[1],
				  (array_agg(hash ORDER BY seq DESC))[1], count(*), :name, :now
				FROM (SELECT seq, prev_hash, hash, seq - row_number() OVER (ORDER BY seq) AS run
				      FROM platform.%s) r
				GROUP BY run""".formatted(name))
			.param("name", name)
			.param("now", this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
	}

	List<String> partitions() {
		return this.jdbc.sql("""
				SELECT c.relname FROM pg_inherits i
				JOIN pg_class c ON c.oid = i.inhrelid
				JOIN pg_class p ON p.oid = i.inhparent
				JOIN pg_namespace n ON n.oid = p.relnamespace
				WHERE n.nspname = 'platform' AND p.relname = 'audit_record' ORDER BY c.relname""")
			.query(String.class)
			.list();
	}

	private boolean exists(String name) {
		return this.jdbc.sql("SELECT to_regclass(?) IS NOT NULL")
			.param("platform." + name)
			.query(Boolean.class)
			.single();
	}

}
