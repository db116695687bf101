package io.tianshu.maturity.probe;

import java.util.List;
import java.util.function.Predicate;

import io.tianshu.maturity.Probe;

/**
 * Which of a probe's criterion ids the loaded frameworks know. Tolerant on purpose:
 * probes and framework data evolve apart, an unknown id is reported (and logged at start)
 * rather than refused.
 *
 * @param probeId the probe
 * @param bound ids a loaded framework knows
 * @param unbound ids none knows
 */
public record ProbeBindings(String probeId, List<String> bound, List<String> unbound) {

	public static ProbeBindings of(Probe probe, Predicate<String> known) {
		return new ProbeBindings(probe.id(), probe.criteria().stream().filter(known).toList(),
				probe.criteria().stream().filter(known.negate()).toList());
	}

	/** {@code bound}, {@code partly-bound} or {@code unbound}. */
	public String status() {
		if (this.unbound.isEmpty()) {
			return "bound";
		}
		return this.bound.isEmpty() ? "unbound" : "partly-bound";
	}

}
