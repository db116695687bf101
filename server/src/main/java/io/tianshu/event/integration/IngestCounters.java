package io.tianshu.event.integration;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ingest counters per integration ({@code accepted}, {@code duplicate}, {@code dropped},
 * {@code rejected.<reason>}): counted in memory (and as Micrometer counters
 * {@code tianshu.event.ingest.signals}), added to {@code event.integration_counter} every
 * few seconds, so counting never costs a round trip on the ingest path. Reads add what is
 * not flushed yet. Unknown tokens count under {@link #UNKNOWN}.
 */
@Component
public class IngestCounters {

	/** The integration id unknown-token rejections count under. */
	public static final UUID UNKNOWN = new UUID(0, 0);

	private static final Logger log = LoggerFactory.getLogger(IngestCounters.class);

	private final Map<Key, LongAdder> pending = new ConcurrentHashMap<>();

	/**
	 * Taken from pending by a running flush, not committed yet: still counted by reads.
	 */
	private final Map<Key, Long> inFlight = new ConcurrentHashMap<>();

	private final Map<Key, Counter> meters = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final MeterRegistry registry;

	private final Clock clock;

	private final TransactionTemplate tx;

	IngestCounters(JdbcClient jdbc, MeterRegistry registry, Clock clock, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.registry = registry;
		this.clock = clock;
	}

	public void add(UUID integrationId, String counter, long n) {
		if (n <= 0) {
			return;
		}
		Key key = new Key(integrationId, counter);
		this.pending.computeIfAbsent(key, (k) -> new LongAdder()).add(n);
		this.meters
			.computeIfAbsent(key,
					(k) -> Counter.builder("tianshu.event.ingest.signals")
						.tag("integration", k.integrationId().toString())
						.tag("outcome", k.counter())
						.register(this.registry))
			.increment(n);
	}

	public void rejected(UUID integrationId, String reason) {
		add(integrationId, "rejected." + reason, 1);
	}

	/** Every counter of the integration, stored plus pending. */
	public synchronized Map<String, Long> read(UUID integrationId) {
		Map<String, Long> values = new TreeMap<>();
		this.jdbc.sql("SELECT counter, value FROM event.integration_counter WHERE integration_id = ?")
			.param(integrationId)
			.query((rs, n) -> values.put(rs.getString(1), rs.getLong(2)))
			.list();
		// in flight before pending: a flush moves counts from pending to in flight to
		// stored
		this.inFlight.forEach((key, n) -> {
			if (key.integrationId().equals(integrationId)) {
				values.merge(key.counter(), n, Long::sum);
			}
		});
		this.pending.forEach((key, adder) -> {
			if (key.integrationId().equals(integrationId)) {
				values.merge(key.counter(), adder.sum(), Long::sum);
			}
		});
		return values;
	}

	@Scheduled(fixedDelayString = "${tianshu.event.counter-flush:2s}")
	@PreDestroy
	public synchronized void flush() {
		List<Object[]> rows = new ArrayList<>();
		Map<Key, Long> taken = new HashMap<>();
		this.pending.forEach((key, adder) -> {
			long n = adder.sumThenReset();
			if (n > 0) {
				taken.put(key, n);
				this.inFlight.merge(key, n, Long::sum);
				rows.add(new Object[] { key.integrationId(), key.counter(), n });
			}
		});
		if (rows.isEmpty()) {
			return;
		}
		try {
			Timestamp now = Timestamp.from(this.clock.instant());
			this.tx.executeWithoutResult((status) -> rows.forEach((row) -> {
				this.jdbc
					.sql("""
							INSERT INTO event.integration_counter (integration_id, counter, value, updated_at)
							VALUES (?, ?, ?, ?)
							ON CONFLICT (integration_id, counter)
							DO UPDATE SET value = event.integration_counter.value + EXCLUDED.value, updated_at = EXCLUDED.updated_at""")
					.params(row[0], row[1], row[2], now)
					.update();
			}));
		}
		catch (RuntimeException ex) {
			log.warn("Ingest counters not flushed, kept for the next attempt: {}", ex.getMessage());
			taken.forEach((key, n) -> this.pending.computeIfAbsent(key, (k) -> new LongAdder()).add(n));
		}
		finally {
			taken.forEach((key, n) -> this.inFlight.computeIfPresent(key, (k, v) -> (v - n == 0) ? null : v - n));
		}
	}

	private record Key(UUID integrationId, String counter) {
	}

}
