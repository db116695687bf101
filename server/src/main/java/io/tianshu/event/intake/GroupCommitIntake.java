package io.tianshu.event.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tianshu.event.AlertIntake;
import io.tianshu.event.IncomingSignal;
import io.tianshu.event.IntakeReceipt;
import io.tianshu.event.IntakeReceipt.Outcome;
import io.tianshu.event.IntakeReceipt.SignalOutcome;
import io.tianshu.event.IntakeUnavailableException;
import io.tianshu.event.integration.IngestCounters;
import io.tianshu.event.rules.RuleStore;
import io.tianshu.platform.Authorization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: one writer thread takes every queued submission (up to
 * {@link EventProperties#batchSize()} signals, waiting at most
 * {@link EventProperties#linger()} for more) and applies them in one transaction through
 * {@link AlertWriter}; each submission's future completes after the commit. While one
 * transaction commits, the next batch fills, so under load the commit cost is shared by
 * many requests. A failed batch of several submissions is retried one submission at a
 * time, so one bad submission cannot fail the others. Metrics:
 * {@code tianshu.event.intake.batches}, {@code tianshu.event.intake.batch.signals},
 * {@code tianshu.event.intake.commit}.
 */
@Component
class GroupCommitIntake implements AlertIntake, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(GroupCommitIntake.class);

	private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AlertWriter writer;

	private final TransactionTemplate tx;

	private final RuleStore rules;

	private final IngestCounters counters;

	private final EventProperties properties;

	private final Authorization authorization;

	private final Counter batches;

	private final DistributionSummary batchSignals;

	private final Timer commit;

	private volatile boolean running;

	private Thread thread;

	GroupCommitIntake(AlertWriter writer, TransactionTemplate tx, RuleStore rules, IngestCounters counters,
			EventProperties properties, Authorization authorization, MeterRegistry registry) {
		this.writer = writer;
		this.tx = tx;
		this.rules = rules;
		this.counters = counters;
		this.properties = properties;
		this.authorization = authorization;
		this.batches = Counter.builder("tianshu.event.intake.batches")
			.description("Intake transactions committed")
			.register(registry);
		this.batchSignals = DistributionSummary.builder("tianshu.event.intake.batch.signals")
			.description("Signals per intake transaction")
			.register(registry);
		this.commit = Timer.builder("tianshu.event.intake.commit")
			.description("Time to apply and commit one intake batch")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
		registry.gauge("tianshu.event.intake.queued", this.queued);
	}

	@Override
	public CompletableFuture<IntakeReceipt> submit(List<IncomingSignal> signals) {
		SignalOutcome[] outcomes = new SignalOutcome[signals.size()];
		List<IncomingSignal> kept = new ArrayList<>(signals.size());
		List<Integer> positions = new ArrayList<>(signals.size());
		for (int i = 0; i < signals.size(); i++) {
			RuleStore.Applied applied = this.rules.apply(signals.get(i));
			if (applied.dropped()) {
				outcomes[i] = new SignalOutcome(signals.get(i).fingerprint(), null, Outcome.DROPPED);
				this.counters.add(signals.get(i).integrationId(), "dropped", 1);
			}
			else {
				kept.add(applied.signal());
				positions.add(i);
			}
		}
		CompletableFuture<IntakeReceipt> future = new CompletableFuture<>();
		Submission submission = new Submission(kept, positions, outcomes, future);
		if (kept.isEmpty()) {
			future.complete(new IntakeReceipt(List.of(outcomes), 0));
			return future;
		}
		if (!this.running) {
			future.completeExceptionally(new IntakeUnavailableException("The intake is not running", null));
			return future;
		}
		if (this.queued.addAndGet(kept.size()) > this.properties.queueCapacity() && this.queued.get() > kept.size()) {
			this.queued.addAndGet(-kept.size());
			future.completeExceptionally(new IntakeUnavailableException("The intake queue is full", null));
			return future;
		}
		this.queue.add(submission);
		return future;
	}

	@Override
	public void reject(UUID integrationId, String reason) {
		this.counters.rejected(integrationId, reason);
	}

	private void run() {
		while (this.running || !this.queue.isEmpty()) {
			try {
				Submission first = this.queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				List<Submission> batch = new ArrayList<>();
				batch.add(first);
				int signals = first.signals().size();
				long deadline = System.nanoTime() + this.properties.linger().toNanos();
				while (signals < this.properties.batchSize()) {
					long wait = deadline - System.nanoTime();
					Submission next = (wait > 0) ? this.queue.poll(wait, TimeUnit.NANOSECONDS) : this.queue.poll();
					if (next == null) {
						break;
					}
					batch.add(next);
					signals += next.signals().size();
				}
				this.queued.addAndGet(-signals);
				process(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				if (!this.running) {
					break;
				}
			}
			catch (RuntimeException | Error ex) {
				log.error("Intake writer loop failed; continuing", ex);
			}
		}
	}

	private void process(List<Submission> batch) {
		try {
			commit(batch);
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				log.warn("Intake batch failed: {}", ex.toString());
				batch.get(0).future().completeExceptionally(new IntakeUnavailableException("Not stored", ex));
				return;
			}
			log.warn("Intake batch of {} submissions failed ({}); retrying them one by one", batch.size(),
					ex.toString());
			for (Submission s : batch) {
				try {
					commit(List.of(s));
				}
				catch (RuntimeException single) {
					s.future().completeExceptionally(new IntakeUnavailableException("Not stored", single));
				}
			}
		}
	}

	private void commit(List<Submission> batch) {
		List<IncomingSignal> all = new ArrayList<>();
		batch.forEach((s) -> all.addAll(s.signals()));
		Timer.Sample sample = Timer.start();
		List<SignalOutcome> outcomes = this.authorization
			.runAsSystem(() -> this.tx.execute((status) -> this.writer.write(all)));
		sample.stop(this.commit);
		this.batches.increment();
		this.batchSignals.record(all.size());
		int offset = 0;
		for (Submission s : batch) {
			for (int i = 0; i < s.signals().size(); i++) {
				SignalOutcome o = outcomes.get(offset + i);
				s.outcomes()[s.positions().get(i)] = o;
				IncomingSignal signal = s.signals().get(i);
				if (signal.status() != io.tianshu.event.SignalStatus.EXPIRED) {
					this.counters.add(signal.integrationId(),
							(o.outcome() == Outcome.DUPLICATE) ? "duplicate" : "accepted", 1);
				}
			}
			offset += s.signals().size();
			s.future().complete(new IntakeReceipt(List.of(s.outcomes()), all.size()));
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::run, "event-intake-writer");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Stops after the web server (lower phase): what was accepted is still written. */
	@Override
	public void stop() {
		this.running = false;
		try {
			if (this.thread != null) {
				this.thread.join(10_000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Submission left;
		while ((left = this.queue.poll()) != null) {
			left.future().completeExceptionally(new IntakeUnavailableException("Shutting down", null));
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private record Submission(List<IncomingSignal> signals, List<Integer> positions, SignalOutcome[] outcomes,
			CompletableFuture<IntakeReceipt> future) {
	}

}
