package io.tianshu.event.convergence;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tianshu.event.Severity;

/**
 * Topology inhibition (拓扑抑制) settings: while a CI has an active alert of at least
 * {@code minSeverity}, active alerts on the CIs that rely on it — found by following
 * {@code relationTypes} from the dependent towards what it relies on (app
 * {@code depends_on} db, app {@code runs_on} host), at most {@code maxDepth} hops — are
 * its symptoms. {@code mode} {@code MARK} only marks them (symptomOf, timeline);
 * {@code SUPPRESS} also suppresses them until the cause resolves.
 */
public record TopologyInhibition(boolean enabled, Severity minSeverity, Mode mode, List<String> relationTypes,
		int maxDepth, Instant updatedAt) {

	public enum Mode {

		MARK, SUPPRESS

	}

	/** What a client sends; absent fields keep their current values. */
	@Schema(name = "TopologyInhibitionDraft")
	public record Draft(Boolean enabled, Severity minSeverity, Mode mode, List<String> relationTypes,
			Integer maxDepth) {
	}

}
