package io.tianshu.platform.events;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A listener for {@link Ping} events that fails while its id is in {@link #failing}: the
 * publication then stays incomplete in the outbox, as after a crash mid-listener.
 */
@Component
class RedeliveryProbe {

	static final Set<String> failing = ConcurrentHashMap.newKeySet();

	static final Set<String> received = ConcurrentHashMap.newKeySet();

	@ApplicationModuleListener
	void on(Ping ping) {
		if (failing.contains(ping.id())) {
			throw new IllegalStateException("listener down for " + ping.id());
		}
		received.add(ping.id());
	}

	record Ping(String id) {
	}

}
