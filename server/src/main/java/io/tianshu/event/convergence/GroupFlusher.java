package io.tianshu.event.convergence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tianshu.platform.Authorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Flushes groups when they are due: precisely, by an in-memory timer per group scheduled
 * when an alert joins or leaves, and as a catch-up by a sweep over the database
 * ({@code tianshu.event.convergence.flush-sweep}, after a restart or for groups changed
 * on another node).
 */
@Component
class GroupFlusher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(GroupFlusher.class);

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("event-group-flush").daemon(true).factory());

	private final Map<UUID, Instant> scheduled = new ConcurrentHashMap<>();

	private final GroupStore groups;

	private final TransactionTemplate tx;

	private final Authorization authorization;

	private final Clock clock;

	GroupFlusher(GroupStore groups, TransactionTemplate tx, Authorization authorization, Clock clock) {
		this.groups = groups;
		this.tx = tx;
		this.authorization = authorization;
		this.clock = clock;
	}

	void schedule(GroupStore.Due due) {
		schedule(due.groupId(), due.due());
	}

	private void schedule(UUID group, Instant at) {
		Instant known = this.scheduled.get(group);
		if (known != null && !known.isAfter(at)) {
			return;
		}
		this.scheduled.put(group, at);
		long delay = Math.max(0, Duration.between(this.clock.instant(), at).toMillis());
		this.timer.schedule(() -> flush(group, at), delay, TimeUnit.MILLISECONDS);
	}

	private void flush(UUID group, Instant planned) {
		if (planned != null) {
			this.scheduled.remove(group, planned);
		}
		try {
			Instant next = this.authorization
				.runAsSystem(() -> this.tx.execute((status) -> this.groups.flush(group, this.clock.instant())));
			if (next != null) {
				schedule(group, next);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Flushing alert group {} failed (the sweep retries): {}", group, ex.toString());
		}
	}

	@Scheduled(fixedDelayString = "${tianshu.event.convergence.flush-sweep:5s}")
	void sweep() {
		try {
			for (UUID id : this.authorization.runAsSystem(() -> this.groups.dueBy(this.clock.instant()))) {
				if (!this.scheduled.containsKey(id)) {
					flush(id, null);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Alert group sweep failed: {}", ex.getMessage());
		}
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

}
