package io.tianshu.event.listen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory sink for the listener tests: keeps every batch; can be told to fail the
 * next calls, as a database that is down would.
 */
final class CollectingSink implements ReceivedSignalSink {

	private final List<List<ReceivedSignal>> batches = new CopyOnWriteArrayList<>();

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicInteger calls = new AtomicInteger();

	@Override
	public void accept(List<ReceivedSignal> signals) throws Exception {
		this.calls.incrementAndGet();
		if (this.failures.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			throw new IllegalStateException("store unavailable");
		}
		this.batches.add(List.copyOf(signals));
	}

	void failNext(int calls) {
		this.failures.set(calls);
	}

	List<ReceivedSignal> signals() {
		List<ReceivedSignal> all = new ArrayList<>();
		this.batches.forEach(all::addAll);
		return all;
	}

	List<List<ReceivedSignal>> batches() {
		return this.batches;
	}

	int calls() {
		return this.calls.get();
	}

}
