package io.tianshu.cmdb.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tianshu.platform.SealedValues;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries. Every node polls ({@code tianshu.cmdb.webhooks.poll-interval},
 * Spring's scheduler) and is woken right after a change commits. Due PENDING rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED} and leased by moving
 * {@code next_attempt_at} ahead by {@code lease} in the claiming transaction, so several
 * nodes never send the same attempt, the HTTP call holds no database connection, and a
 * node that dies mid-send leaves the row due again once the lease runs out (at least
 * once). Nothing lives only in memory: after a restart the pending rows are simply due.
 */
@Component
class WebhookDispatcher {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	private static final int ERROR_MAX = 500;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final SealedValues sealing;

	private final WebhookSender sender;

	private final WebhookProperties properties;

	private final Clock clock;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final AtomicBoolean running = new AtomicBoolean();

	private final AtomicBoolean requested = new AtomicBoolean();

	private volatile boolean stopped;

	WebhookDispatcher(JdbcClient jdbc, TransactionTemplate tx, SealedValues sealing, WebhookSender sender,
			WebhookProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.sealing = sealing;
		this.sender = sender;
		this.properties = properties;
		this.clock = clock;
	}

	/** A claimed attempt with what it needs to be sent. */
	record Attempt(UUID id, UUID webhookId, String event, String payload, int attempts, int maxAttempts, String url,
			String secret) {
	}

	@Scheduled(initialDelayString = "${tianshu.cmdb.webhooks.poll-interval:5s}",
			fixedDelayString = "${tianshu.cmdb.webhooks.poll-interval:5s}")
	void poll() {
		drainIfIdle();
	}

	/** Asks for a round soon, without waiting for it (after a change committed). */
	void wake() {
		this.requested.set(true);
		if (!this.stopped) {
			this.executor.execute(this::drainIfIdle);
		}
	}

	private void drainIfIdle() {
		if (this.stopped || !this.running.compareAndSet(false, true)) {
			return;
		}
		try {
			do {
				this.requested.set(false);
				drain();
			}
			while (this.requested.get() && !this.stopped);
		}
		catch (RuntimeException ex) {
			log.warn("Webhook dispatch round failed; the next poll retries", ex);
		}
		finally {
			this.running.set(false);
		}
		if (this.requested.get() && !this.stopped) {
			wake();
		}
	}

	/** Sends everything due now, a batch at a time. */
	void drain() {
		while (!this.stopped) {
			List<Attempt> batch = claim(null);
			if (batch.isEmpty()) {
				return;
			}
			List<Future<?>> sends = new ArrayList<>();
			for (Attempt attempt : batch) {
				sends.add(this.executor.submit(() -> deliver(attempt)));
			}
			for (Future<?> send : sends) {
				try {
					send.get();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (java.util.concurrent.ExecutionException ex) {
					log.warn("Webhook delivery failed unexpectedly", ex.getCause());
				}
			}
		}
	}

	/**
	 * Claims and sends one PENDING delivery now, whatever its schedule and whether its
	 * subscription is enabled (ping).
	 */
	void deliverNow(UUID deliveryId) {
		claim(deliveryId).forEach(this::deliver);
	}

	private List<Attempt> claim(UUID only) {
		Instant now = this.clock.instant();
		List<Attempt> claimed = this.tx.execute((status) -> {
			String which = (only != null) ? """
					SELECT d2.id FROM cmdb.webhook_delivery d2 WHERE d2.id = :only AND d2.status = 'PENDING'
					FOR UPDATE SKIP LOCKED""" : """
					SELECT d2.id FROM cmdb.webhook_delivery d2 JOIN cmdb.webhook w ON w.id = d2.webhook_id
					WHERE d2.status = 'PENDING' AND d2.next_attempt_at <= :now AND w.enabled
					ORDER BY d2.next_attempt_at LIMIT :limit
					FOR UPDATE OF d2 SKIP LOCKED""";
			var statement = this.jdbc.sql("""
					UPDATE cmdb.webhook_delivery d SET attempts = d.attempts + 1, last_attempt_at = :now,
					  next_attempt_at = :leaseUntil
					WHERE d.id IN (%s)
					RETURNING d.id, d.webhook_id, d.event, d.payload, d.attempts, d.max_attempts""".formatted(which))
				.param("now", Timestamp.from(now))
				.param("leaseUntil", Timestamp.from(now.plus(this.properties.lease())));
			statement = (only != null) ? statement.param("only", only)
					: statement.param("limit", this.properties.batchSize());
			var rows = statement
				.query((rs, n) -> new Attempt(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
						rs.getString(4), rs.getInt(5), rs.getInt(6), null, null))
				.list();
			if (rows.isEmpty()) {
				return List.<Attempt>of();
			}
			List<UUID> webhookIds = rows.stream().map(Attempt::webhookId).distinct().toList();
			record Target(UUID id, String url, String secret) {
			}
			Map<UUID, Target> targets = this.jdbc.sql("SELECT id, url, secret FROM cmdb.webhook WHERE id IN (:ids)")
				.param("ids", webhookIds)
				.query((rs, n) -> new Target(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
				.list()
				.stream()
				.collect(Collectors.toMap(Target::id, Function.identity()));
			return rows.stream().map((a) -> {
				Target target = targets.get(a.webhookId());
				return new Attempt(a.id(), a.webhookId(), a.event(), a.payload(), a.attempts(), a.maxAttempts(),
						target.url(), target.secret());
			}).toList();
		});
		return (claimed != null) ? claimed : List.of();
	}

	private void deliver(Attempt attempt) {
		WebhookSender.Outcome outcome;
		try {
			String secret = this.sealing.open(WebhookSecretColumn.context(attempt.webhookId()), attempt.secret());
			outcome = this.sender.send(attempt.url(), attempt.webhookId(), attempt.id(), attempt.event(),
					attempt.payload(), secret);
		}
		catch (RuntimeException ex) {
			outcome = new WebhookSender.Outcome(null, null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		record(attempt, outcome);
	}

	private void record(Attempt attempt, WebhookSender.Outcome outcome) {
		Instant now = this.clock.instant();
		String status;
		Instant next = null;
		if (outcome.delivered()) {
			status = WebhookDelivery.DELIVERED;
		}
		else if (attempt.attempts() >= attempt.maxAttempts()) {
			status = WebhookDelivery.FAILED;
		}
		else {
			status = WebhookDelivery.PENDING;
			next = now.plus(this.properties.delayAfter(attempt.attempts()));
		}
		String error = outcome.error();
		if (error != null && error.length() > ERROR_MAX) {
			error = error.substring(0, ERROR_MAX);
		}
		this.jdbc.sql("""
				UPDATE cmdb.webhook_delivery SET status = ?, next_attempt_at = ?, last_status_code = ?, last_error = ?,
				  response_snippet = ?, delivered_at = ?
				WHERE id = ? AND status = 'PENDING'""")
			.params(status, (next != null) ? Timestamp.from(next) : null, outcome.statusCode(), error,
					outcome.snippet(), outcome.delivered() ? Timestamp.from(now) : null, attempt.id())
			.update();
		if (WebhookDelivery.FAILED.equals(status)) {
			log.warn("Webhook delivery {} ({}) given up after {} attempt(s): {}", attempt.id(), attempt.event(),
					attempt.attempts(), error);
		}
	}

	@PreDestroy
	void stop() {
		this.stopped = true;
		this.executor.shutdown();
	}

}
