package io.tianshu.event.convergence;

import java.util.List;
import java.util.UUID;

/**
 * The probable root cause (根因) of an alert group, with the reasoning.
 *
 * @param alertId the alert
 * @param summary its summary
 * @param ciId its CI, or {@code null}
 * @param ciName that CI's name, or {@code null}
 * @param basis {@code topology} (the upstream-most active alert among the group's alerts
 * and the CIs they rely on) or {@code severity} (no relation explains the group: the
 * earliest of its most severe alerts)
 * @param explanation one sentence saying why
 * @param explains how many of the group's active alerts it explains (are it, or are on
 * CIs that rely on its CI)
 * @param path the evidence: from a group alert's CI to the root cause's CI, each step
 * with the relation type that led to it (empty for {@code severity})
 */
public record RootCause(long alertId, String summary, UUID ciId, String ciName, String basis, String explanation,
		int explains, List<TopologyCache.Step> path) {
}
