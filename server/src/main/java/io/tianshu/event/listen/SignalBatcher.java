package io.tianshu.event.listen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one protocol's signals into batches of up to {@code batchSize} or
 * {@code batchDelay} and hands each batch to the sink from one thread, because the sink
 * commits once per call. A failing sink is retried with back-off while the batcher runs;
 * meanwhile the bounded queue fills and {@link #offer} drops (UDP has no way to push
 * back), while {@link #put} blocks (TCP readers stop reading, the sender's window
 * closes).
 */
final class SignalBatcher {

	private static final Logger log = LoggerFactory.getLogger(SignalBatcher.class);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private final ReceivedSignalSink sink;

	private final ListenerStats stats;

	private final int batchSize;

	private final long batchDelayNanos;

	private final BlockingQueue<Pending> queue;

	private volatile boolean running;

	private Thread thread;

	/** Released by {@link #stop}, so a retry back-off ends at once when stopping. */
	private volatile CountDownLatch stopping = new CountDownLatch(1);

	SignalBatcher(ReceivedSignalSink sink, ListenerStats stats, int batchSize, Duration batchDelay, int capacity) {
		this.sink = sink;
		this.stats = stats;
		this.batchSize = Math.max(1, batchSize);
		this.batchDelayNanos = Math.max(0, batchDelay.toNanos());
		this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
	}

	synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.stopping = new CountDownLatch(1);
		this.thread = Thread.ofPlatform().daemon().name(this.stats.protocol() + "-signal-batcher").start(this::run);
	}

	/** Queues a signal, or returns {@code false} when the queue is full. */
	boolean offer(ReceivedSignal signal) {
		return this.queue.offer(new Pending(signal, null));
	}

	/** Queues a signal, waiting while the queue is full. */
	void put(ReceivedSignal signal) throws InterruptedException {
		this.queue.put(new Pending(signal, null));
	}

	/**
	 * Queues a signal whose sender waits for it to be stored (an SNMP inform); the future
	 * completes when the sink stored its batch, or is {@code null} when the queue is
	 * full.
	 */
	CompletableFuture<Void> submit(ReceivedSignal signal) {
		CompletableFuture<Void> stored = new CompletableFuture<>();
		return this.queue.offer(new Pending(signal, stored)) ? stored : null;
	}

	/** Delivers what is queued (one last attempt) and stops. */
	void stop() {
		Thread worker;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			worker = this.thread;
		}
		this.stopping.countDown();
		try {
			worker.join(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (worker.isAlive()) {
			worker.interrupt();
		}
	}

	private void run() {
		List<Pending> batch = new ArrayList<>(this.batchSize);
		while (this.running || !this.queue.isEmpty()) {
			try {
				collect(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (!batch.isEmpty()) {
				deliver(batch);
				batch.clear();
			}
		}
	}

	private void collect(List<Pending> batch) throws InterruptedException {
		Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
		if (first == null) {
			return;
		}
		batch.add(first);
		long deadline = System.nanoTime() + this.batchDelayNanos;
		while (batch.size() < this.batchSize) {
			this.queue.drainTo(batch, this.batchSize - batch.size());
			if (batch.size() >= this.batchSize || !this.running) {
				return;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return;
			}
			Pending next = this.queue.poll(left, TimeUnit.NANOSECONDS);
			if (next == null) {
				return;
			}
			batch.add(next);
		}
	}

	private void deliver(List<Pending> batch) {
		List<ReceivedSignal> signals = new ArrayList<>(batch.size());
		for (Pending pending : batch) {
			signals.add(pending.signal());
		}
		long backoffMillis = 100;
		for (;;) {
			try {
				this.sink.accept(signals);
				this.stats.delivered(signals.size());
				for (Pending pending : batch) {
					if (pending.stored() != null) {
						pending.stored().complete(null);
					}
				}
				return;
			}
			catch (Exception ex) {
				this.stats.sinkFailed();
				if (!this.running) {
					log.error("{} listener stopping: {} signals could not be stored: {}", this.stats.protocol(),
							signals.size(), ex.toString());
					failAll(batch, ex);
					return;
				}
				log.warn("{} listener: storing {} signals failed, retrying in {} ms: {}", this.stats.protocol(),
						signals.size(), backoffMillis, ex.toString());
				try {
					if (this.stopping.await(backoffMillis, TimeUnit.MILLISECONDS)) {
						// stopping: one last attempt, then the waiting senders are failed
						continue;
					}
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					failAll(batch, ex);
					return;
				}
				backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
			}
		}
	}

	private static void failAll(List<Pending> batch, Exception cause) {
		for (Pending pending : batch) {
			if (pending.stored() != null) {
				pending.stored().completeExceptionally(cause);
			}
		}
	}

	private record Pending(ReceivedSignal signal, CompletableFuture<Void> stored) {
	}

}
