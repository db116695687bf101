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
 * Group commit: {@link EventProperties#writers()} writer threads, each with its own
 * queue; a submission is split by key (integration and fingerprint), so one key is always
 * written by the same writer in arrival order and two writers never touch the same rows.
 * Each writer takes every queued part (up to {@link EventProperties#batchSize()} signals,
 * waiting at most {@link EventProperties#linger()} for more) and applies them in one
 * transaction through {@link AlertWriter}; a submission's future completes after the
 * commits of all its parts. While one transaction commits, the next batch fills, so under
 * load the commit cost is shared by many requests. A failed batch of several parts is
 * retried one part at a time, so one bad submission cannot fail the others.
 *
 * <p>
 * Re-sends of unchanged alerts are acknowledged once journaled ({@link ResendJournal}):
 * each writer folds its journal into the alerts and raw events when the oldest entry is
 * {@link EventProperties#resendFold()} old, when {@link #FOLD_LIMIT} alerts wait, and
 * when it stops; what a crash left journaled is folded at start, before the writers run.
 * Metrics: {@code tianshu.event.intake.batches},
 * {@code tianshu.event.intake.batch.signals}, {@code tianshu.event.intake.commit},
 * {@code tianshu.event.intake.fold}.
 */
@Component
class GroupCommitIntake implements AlertIntake, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(GroupCommitIntake.class);

	private final List<BlockingQueue<Submission>> queues = new ArrayList<>();

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

	private final Counter relocked;

	private final Timer folds;

	/** Most alerts with journaled re-sends before a writer folds them, due or not. */
	static final int FOLD_LIMIT = 20_000;

	/**
	 * Most alerts one fold transaction writes: a fold of many alerts is split so batches
	 * commit in between and their acknowledgements do not wait for all of it.
	 */
	static final int FOLD_CHUNK = 200;

	private volatile boolean running;

	private final List<Thread> threads = new ArrayList<>();

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
		this.relocked = Counter.builder("tianshu.event.intake.relocked")
			.description("Intake batches written again with locks after an optimistic write met a concurrent change")
			.register(registry);
		this.folds = Timer.builder("tianshu.event.intake.fold")
			.description("Time to fold one writer's journaled re-sends into the alerts")
			.register(registry);
		registry.gauge("tianshu.event.intake.queued", this.queued);
		for (int i = 0; i < Math.max(1, properties.writers()); i++) {
			this.queues.add(new LinkedBlockingQueue<>());
		}
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
		int writers = this.queues.size();
		List<List<IncomingSignal>> parts = new ArrayList<>(writers);
		List<List<Integer>> partPositions = new ArrayList<>(writers);
		List<List<String>> partHashes = new ArrayList<>(writers);
		for (int w = 0; w < writers; w++) {
			parts.add(new ArrayList<>());
			partPositions.add(new ArrayList<>());
			partHashes.add(new ArrayList<>());
		}
		for (int i = 0; i < kept.size(); i++) {
			IncomingSignal signal = kept.get(i);
			int w = Math.floorMod(31 * signal.integrationId().hashCode() + signal.fingerprint().hashCode(), writers);
			parts.get(w).add(signal);
			partPositions.get(w).add(positions.get(i));
			// on the caller's thread: the writer is the one serial step of the intake
			partHashes.get(w).add(AlertWriter.identityHash(signal));
		}
		int nonEmpty = (int) parts.stream().filter((p) -> !p.isEmpty()).count();
		Receipt receipt = new Receipt(outcomes, nonEmpty, future);
		for (int w = 0; w < writers; w++) {
			if (!parts.get(w).isEmpty()) {
				this.queues.get(w).add(new Submission(parts.get(w), partPositions.get(w), partHashes.get(w), receipt));
			}
		}
		return future;
	}

	@Override
	public void reject(UUID integrationId, String reason) {
		this.counters.rejected(integrationId, reason);
	}

	private void run(BlockingQueue<Submission> queue, ResendJournal journal) {
		while (this.running || !queue.isEmpty()) {
			try {
				long idle = 200_000_000L;
				if (journal.folding()) {
					idle = 0;
				}
				else if (!journal.isEmpty()) {
					idle = Math.max(0, Math.min(idle,
							journal.since() + this.properties.resendFold().toNanos() - System.nanoTime()));
				}
				Submission first = queue.poll(idle, TimeUnit.NANOSECONDS);
				if (first == null) {
					foldIfDue(journal);
					continue;
				}
				List<Submission> batch = new ArrayList<>();
				batch.add(first);
				int signals = first.signals().size();
				long deadline = System.nanoTime() + this.properties.linger().toNanos();
				while (signals < this.properties.batchSize()) {
					long wait = deadline - System.nanoTime();
					Submission next = (wait > 0) ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
					if (next == null) {
						break;
					}
					batch.add(next);
					signals += next.signals().size();
				}
				this.queued.addAndGet(-signals);
				process(batch, journal);
				foldIfDue(journal);
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
		foldAll(journal);
	}

	private void foldIfDue(ResendJournal journal) {
		if (journal.folding() || (!journal.isEmpty() && (journal.size() >= FOLD_LIMIT
				|| System.nanoTime() - journal.since() >= this.properties.resendFold().toNanos()))) {
			fold(journal);
		}
	}

	/** Folds until the journal is empty or a fold fails. */
	private void foldAll(ResendJournal journal) {
		do {
			if (!fold(journal)) {
				return;
			}
		}
		while (journal.folding() || !journal.isEmpty());
	}

	/**
	 * Folds the next chunk of journaled re-sends into the alerts and raw events; re-sends
	 * whose alert changed meanwhile are applied again as signals. When it fails the
	 * re-sends stay journaled and are folded later.
	 * @return whether it succeeded
	 */
	private boolean fold(ResendJournal journal) {
		if (journal.isEmpty() && !journal.folding()) {
			return true;
		}
		ResendJournal.Chunk chunk = journal.next(FOLD_CHUNK);
		List<ResendJournal.Pending> pending = chunk.pending();
		List<ResendJournal.Pending> reapplied = new ArrayList<>();
		try {
			Timer.Sample sample = Timer.start();
			List<ResendJournal.Pending> changed = this.authorization.runAsSystem(() -> this.tx.execute((status) -> {
				List<ResendJournal.Pending> stale = this.writer.fold(pending, chunk.rows());
				if (!stale.isEmpty()) {
					// in the fold's transaction, so an acknowledged re-send is never
					// dropped: the last re-send of each changed alert applied again with
					// locks (the fold counted the others)
					reapplied.addAll(stale);
					journal.remove(stale);
					this.writer.write(stale.stream().map((p) -> p.last).toList(),
							stale.stream().map((p) -> p.hash).toList(), false, journal);
				}
				return stale;
			}));
			sample.stop(this.folds);
			if (!changed.isEmpty()) {
				this.relocked.increment();
			}
			this.writer.folded(pending, changed);
			journal.folded(chunk);
		}
		catch (RuntimeException ex) {
			journal.restore(reapplied);
			journal.failed();
			log.warn("Folding {} journaled re-sends failed; trying again later: {}", pending.size(), ex.toString());
			return false;
		}
		return true;
	}

	private void process(List<Submission> batch, ResendJournal journal) {
		try {
			commit(batch, journal);
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				log.warn("Intake batch failed: {}", ex.toString());
				batch.get(0).receipt().fail(new IntakeUnavailableException("Not stored", ex));
				return;
			}
			log.warn("Intake batch of {} submissions failed ({}); retrying them one by one", batch.size(),
					ex.toString());
			for (Submission s : batch) {
				try {
					commit(List.of(s), journal);
				}
				catch (RuntimeException single) {
					s.receipt().fail(new IntakeUnavailableException("Not stored", single));
				}
			}
		}
	}

	private void commit(List<Submission> batch, ResendJournal journal) {
		List<IncomingSignal> all = new ArrayList<>();
		List<String> hashes = new ArrayList<>();
		batch.forEach((s) -> {
			all.addAll(s.signals());
			hashes.addAll(s.hashes());
		});
		Timer.Sample sample = Timer.start();
		List<SignalOutcome> outcomes = this.authorization.runAsSystem(() -> {
			try {
				return this.tx.execute((status) -> this.writer.write(all, hashes, true, journal));
			}
			catch (AlertWriter.ConcurrentChangeException ex) {
				// rolled back; rare (a lifecycle action or another writer on the same
				// rows)
				this.relocked.increment();
				log.debug("Intake batch written again with locks: {}", ex.getMessage());
				return this.tx.execute((status) -> this.writer.write(all, hashes, false, journal));
			}
		});
		sample.stop(this.commit);
		if (this.properties.resendFold().isZero()) {
			foldAll(journal);
		}
		this.batches.increment();
		this.batchSignals.record(all.size());
		int offset = 0;
		for (Submission s : batch) {
			for (int i = 0; i < s.signals().size(); i++) {
				SignalOutcome o = outcomes.get(offset + i);
				s.receipt().outcomes()[s.positions().get(i)] = o;
				IncomingSignal signal = s.signals().get(i);
				if (signal.status() != io.tianshu.event.SignalStatus.EXPIRED) {
					this.counters.add(signal.integrationId(),
							(o.outcome() == Outcome.DUPLICATE) ? "duplicate" : "accepted", 1);
				}
			}
			offset += s.signals().size();
			s.receipt().partDone(all.size());
		}
	}

	@Override
	public void start() {
		try {
			int recovered = this.authorization.runAsSystem(() -> this.tx.execute((status) -> this.writer.recover()));
			if (recovered > 0) {
				log.info("Folded {} entries of re-sends journaled before the last stop", recovered);
			}
		}
		catch (RuntimeException ex) {
			log.error("Folding the re-send journal failed; it is tried again at the next start", ex);
		}
		this.running = true;
		for (int w = 0; w < this.queues.size(); w++) {
			BlockingQueue<Submission> queue = this.queues.get(w);
			ResendJournal journal = new ResendJournal();
			Thread thread = new Thread(() -> run(queue, journal), "event-intake-writer-" + w);
			thread.setDaemon(true);
			thread.start();
			this.threads.add(thread);
		}
	}

	/** Stops after the web server (lower phase): what was accepted is still written. */
	@Override
	public void stop() {
		this.running = false;
		try {
			for (Thread thread : this.threads) {
				thread.join(10_000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.threads.clear();
		for (BlockingQueue<Submission> queue : this.queues) {
			Submission left;
			while ((left = queue.poll()) != null) {
				left.receipt().fail(new IntakeUnavailableException("Shutting down", null));
			}
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

	/** One writer's part of a submission. */
	private record Submission(List<IncomingSignal> signals, List<Integer> positions, List<String> hashes,
			Receipt receipt) {
	}

	/** Completes a submission's future once every part is committed, or fails it. */
	private static final class Receipt {

		private final SignalOutcome[] outcomes;

		private final AtomicInteger pending;

		private final CompletableFuture<IntakeReceipt> future;

		private final AtomicInteger largestBatch = new AtomicInteger();

		Receipt(SignalOutcome[] outcomes, int parts, CompletableFuture<IntakeReceipt> future) {
			this.outcomes = outcomes;
			this.pending = new AtomicInteger(parts);
			this.future = future;
		}

		SignalOutcome[] outcomes() {
			return this.outcomes;
		}

		void partDone(int batchSignals) {
			this.largestBatch.accumulateAndGet(batchSignals, Math::max);
			if (this.pending.decrementAndGet() == 0) {
				this.future.complete(new IntakeReceipt(List.of(this.outcomes), this.largestBatch.get()));
			}
		}

		void fail(IntakeUnavailableException ex) {
			this.future.completeExceptionally(ex);
		}

	}

}
