package io.tianshu.event.convergence;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.tianshu.event.AlertSuppressor;

import org.springframework.stereotype.Component;

/**
 * The intake's fast path: an alert opening under an active silence or maintenance window,
 * inhibited by an active source alert, or (in {@code SUPPRESS} mode) below an active
 * upstream alert is stored SUPPRESSED at once, from memory only — except that a CI whose
 * upstream is not cached yet is looked up while causes exist. The processor records the
 * exact reasons right after commit and corrects what this could not know (a source that
 * arrived in the same batch, a definition changed on another node).
 */
@Component
class ConvergenceSuppressor implements AlertSuppressor {

	private final ConvergenceState state;

	private final OpenCauses causes;

	private final TopologyCache topology;

	private final Clock clock;

	ConvergenceSuppressor(ConvergenceState state, OpenCauses causes, TopologyCache topology, Clock clock) {
		this.state = state;
		this.causes = causes;
		this.topology = topology;
		this.clock = clock;
	}

	@Override
	public Optional<String> suppressionFor(Candidate alert) {
		for (ConvergenceState.ActiveScope scope : this.state.activeScopes(this.clock.instant())) {
			if (scope.scope().matches(alert.labels(), alert.ciId(), alert.businessSystemId())) {
				return Optional
					.of((ConvergenceState.SILENCE.equals(scope.kind()) ? "silence:" : "maintenance:") + scope.ref());
			}
		}
		ConvergenceState.Snapshot s = this.state.snapshot();
		Map<String, String> labels = alert.labels();
		for (ConvergenceState.InhibitDef rule : s.inhibitRules()) {
			if (!rule.isTarget(labels)) {
				continue;
			}
			boolean targetIsSource = rule.isSource(labels);
			for (OpenCauses.Cause c : this.causes.all()) {
				if (rule.isSource(c.labels()) && rule.equalLabels(c.labels(), labels)
						&& !(targetIsSource && rule.isTarget(c.labels()))) {
					return Optional.of("inhibit:" + rule.name() + " by alert #" + c.alertId());
				}
			}
		}
		TopologyInhibition t = s.topology();
		if (t.enabled() && t.mode() == TopologyInhibition.Mode.SUPPRESS && alert.ciId() != null
				&& this.causes.hasCiCauses()) {
			for (TopologyCache.Dependency dep : this.topology.upstream(alert.ciId(), t).values()) {
				OpenCauses.Cause c = this.causes.onCi(dep.ciId(), t.minSeverity());
				if (c != null) {
					return Optional.of("symptom:of alert #" + c.alertId());
				}
			}
		}
		return Optional.empty();
	}

}
