package io.tianshu.platform.identity.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tianshu.platform.identity.IdentityProperties;

import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per source address in a sliding window; past the limit that
 * address is refused until its failures age out. Kept in memory per node: it slows down
 * guessing, the per-account lockout (in the database) stops it.
 */
@Component
class LoginThrottle {

	private static final int MAX_TRACKED_ADDRESSES = 100_000;

	private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

	private final IdentityProperties properties;

	private final Clock clock;

	LoginThrottle(IdentityProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	boolean throttled(String source) {
		Deque<Instant> recent = this.failures.get(key(source));
		if (recent == null) {
			return false;
		}
		synchronized (recent) {
			prune(recent);
			return recent.size() >= this.properties.throttleMaxFailures();
		}
	}

	void failed(String source) {
		if (this.failures.size() > MAX_TRACKED_ADDRESSES) {
			this.failures.values().removeIf((recent) -> {
				synchronized (recent) {
					prune(recent);
					return recent.isEmpty();
				}
			});
		}
		Deque<Instant> recent = this.failures.computeIfAbsent(key(source), (k) -> new ArrayDeque<>());
		synchronized (recent) {
			prune(recent);
			recent.addLast(this.clock.instant());
		}
	}

	private void prune(Deque<Instant> recent) {
		Instant horizon = this.clock.instant().minus(this.properties.throttleWindow());
		while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
			recent.removeFirst();
		}
	}

	private static String key(String source) {
		return (source != null) ? source : "unknown";
	}

}
