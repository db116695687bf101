package io.tianshu.event.listen;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one protocol's listeners received, delivered, dropped by rule and rejected (per
 * reason), with the last rejected messages as samples, when they started and when the
 * last message arrived. Thread-safe; counting is cheap enough for the receive loops.
 */
final class ListenerStats {

	private final String protocol;

	private final Clock clock;

	private final int sampleLimit;

	private final LongAdder received = new LongAdder();

	private final LongAdder delivered = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final LongAdder sinkFailures = new LongAdder();

	private final AtomicInteger openConnections = new AtomicInteger();

	private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();

	private final ArrayDeque<Rejection> samples = new ArrayDeque<>();

	private volatile Instant startedAt;

	private volatile Instant lastMessageAt;

	ListenerStats(String protocol, Clock clock, int sampleLimit) {
		this.protocol = protocol;
		this.clock = clock;
		this.sampleLimit = Math.max(0, sampleLimit);
	}

	String protocol() {
		return this.protocol;
	}

	/** The listener starts now (whether or not its sockets bind). */
	void started() {
		this.startedAt = this.clock.instant();
	}

	void received() {
		this.received.increment();
		this.lastMessageAt = this.clock.instant();
	}

	void delivered(int count) {
		this.delivered.add(count);
	}

	void dropped() {
		this.dropped.increment();
	}

	void sinkFailed() {
		this.sinkFailures.increment();
	}

	AtomicInteger openConnections() {
		return this.openConnections;
	}

	void rejected(String transport, String source, RejectedInput why, byte[] raw, int offset, int length) {
		rejected(transport, source, why.reason(), why.getMessage(), raw, offset, length);
	}

	void rejected(String transport, String source, String reason, String detail, byte[] raw, int offset, int length) {
		this.rejected.computeIfAbsent(reason, (r) -> new LongAdder()).increment();
		if (this.sampleLimit == 0) {
			return;
		}
		String sample = (raw != null) ? Rejection.sample(raw, offset, length) : "";
		Rejection rejection = new Rejection(this.clock.instant(), transport, source, reason, detail, sample);
		synchronized (this.samples) {
			if (this.samples.size() == this.sampleLimit) {
				this.samples.removeFirst();
			}
			this.samples.addLast(rejection);
		}
	}

	long rejectedCount(String reason) {
		LongAdder count = this.rejected.get(reason);
		return (count != null) ? count.sum() : 0;
	}

	ListenerStatus snapshot(List<ListenerStatus.Endpoint> endpoints) {
		Map<String, Long> byReason = new TreeMap<>();
		this.rejected.forEach((reason, count) -> byReason.put(reason, count.sum()));
		List<Rejection> recent;
		synchronized (this.samples) {
			recent = new ArrayList<>(this.samples).reversed();
		}
		long rejectedTotal = byReason.values().stream().mapToLong(Long::longValue).sum();
		return new ListenerStatus(this.protocol, true, this.startedAt, this.lastMessageAt, List.copyOf(endpoints),
				this.received.sum(), this.delivered.sum(), this.dropped.sum(), rejectedTotal, this.sinkFailures.sum(),
				this.openConnections.get(), byReason, List.copyOf(recent));
	}

}
