package io.tianshu.event.listen;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink used only while no other {@link ReceivedSignalSink} bean exists (until the
 * event intake takes the listeners' signals): counts what arrives, logs the first signal
 * and, at most every ten seconds, how many arrived since and at what rate. Stores
 * nothing.
 */
public class LoggingSignalSink implements ReceivedSignalSink {

	private static final Logger log = LoggerFactory.getLogger(LoggingSignalSink.class);

	private static final long REPORT_EVERY_NANOS = 10_000_000_000L;

	private final AtomicLong total = new AtomicLong();

	private long reportedTotal;

	private long reportedAt = System.nanoTime();

	@Override
	public void accept(List<ReceivedSignal> signals) {
		long before = this.total.getAndAdd(signals.size());
		if (before == 0) {
			ReceivedSignal first = signals.get(0);
			log.info("First {} signal received from {} (not stored: no event intake is configured): {} {} {}",
					first.protocol(), first.sourceAddress(), first.severity(), first.status(), first.summary());
		}
		report(false);
	}

	/** How many signals arrived since the start. */
	public long total() {
		return this.total.get();
	}

	private synchronized void report(boolean force) {
		long now = System.nanoTime();
		long elapsed = now - this.reportedAt;
		if (!force && elapsed < REPORT_EVERY_NANOS) {
			return;
		}
		long total = this.total.get();
		long count = total - this.reportedTotal;
		if (count > 0) {
			log.info("Listeners delivered {} signals in the last {} ms ({} /s), {} in total (counted, not stored)",
					count, elapsed / 1_000_000, Math.round(count * 1e9 / elapsed), total);
		}
		this.reportedTotal = total;
		this.reportedAt = now;
	}

}
