package io.tianshu.event.convergence;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.tianshu.event.Severity;

/**
 * The active alerts that can hold others down, in memory for the intake's hook: alerts
 * matching the source side of an inhibition rule, and alerts on a CI of at least the
 * topology minimum severity. Kept by the processor as alerts open and resolve and rebuilt
 * by its sweep; the processor's own (database) evaluation stays authoritative, so a stale
 * entry only moves a suppression from the intake to the processor.
 */
@org.springframework.stereotype.Component
class OpenCauses {

	record Cause(long alertId, Map<String, String> labels, UUID ciId, Severity severity) {
	}

	private final Map<Long, Cause> byId = new ConcurrentHashMap<>();

	private final Map<UUID, Map<Long, Cause>> byCi = new ConcurrentHashMap<>();

	void add(AlertFacts a) {
		Cause c = new Cause(a.id(), a.labels(), a.ciId(), a.severity());
		this.byId.put(a.id(), c);
		if (a.ciId() != null) {
			this.byCi.computeIfAbsent(a.ciId(), (k) -> new ConcurrentHashMap<>()).put(a.id(), c);
		}
	}

	void remove(long alertId) {
		Cause c = this.byId.remove(alertId);
		if (c != null && c.ciId() != null) {
			Map<Long, Cause> onCi = this.byCi.get(c.ciId());
			if (onCi != null) {
				onCi.remove(alertId);
			}
		}
	}

	void clear() {
		this.byId.clear();
		this.byCi.clear();
	}

	Iterable<Cause> all() {
		return this.byId.values();
	}

	boolean hasCiCauses() {
		return this.byCi.values().stream().anyMatch((m) -> !m.isEmpty());
	}

	/** An active cause on the CI of at least the severity, if any. */
	Cause onCi(UUID ci, Severity min) {
		Map<Long, Cause> onCi = this.byCi.get(ci);
		if (onCi == null) {
			return null;
		}
		return onCi.values().stream().filter((c) -> c.severity().atLeast(min)).findFirst().orElse(null);
	}

}
