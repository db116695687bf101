package io.tianshu.event;

import java.time.Instant;

/**
 * Read-only figures on convergence (告警收敛) over a window, for measuring it: how the
 * grouping rules are configured, the alert groups (告警组) formed, the alerts and raw events
 * (原始事件) in them, and whether inhibition (抑制) is configured. Requires
 * {@link EventPermissions#ALERT_READ} ({@code Authorization.runAsSystem} holds it).
 */
public interface ConvergenceStatistics {

	/**
	 * Convergence in the window: groups created at or after {@code since} and at or
	 * before {@code until}, their alerts added by {@code until}, the raw events of those
	 * alerts received in the window; rule and inhibition settings as they are now.
	 * @param since the window's start (inclusive)
	 * @param until the window's end (inclusive)
	 */
	Convergence convergence(Instant since, Instant until);

	/**
	 * What convergence did in a window.
	 *
	 * @param since the window's start
	 * @param until the window's end
	 * @param groupingRules grouping rules defined now
	 * @param enabledGroupingRules the enabled ones among them
	 * @param groupsFormed alert groups created in the window
	 * @param groupsWithSeveralAlerts those that hold at least two alerts
	 * @param alertsGrouped distinct alerts in those groups
	 * @param memberships alert-to-group memberships (an alert can be in several groups
	 * when a rule says {@code continue})
	 * @param rawEventsOfGroupedAlerts signals of the grouped alerts received in the
	 * window
	 * @param enabledInhibitRules enabled Alertmanager-style inhibition rules (抑制规则) now
	 * @param topologyInhibitionEnabled whether topology inhibition (拓扑抑制) is enabled
	 * @param topologyInhibitionMode its mode ({@code MARK} or {@code SUPPRESS})
	 * @param alertsInhibited distinct alerts held by an inhibition rule or marked or
	 * suppressed as a topology symptom in the window
	 */
	record Convergence(Instant since, Instant until, long groupingRules, long enabledGroupingRules, long groupsFormed,
			long groupsWithSeveralAlerts, long alertsGrouped, long memberships, long rawEventsOfGroupedAlerts,
			long enabledInhibitRules, boolean topologyInhibitionEnabled, String topologyInhibitionMode,
			long alertsInhibited) {

		/**
		 * Whether inhibition holds alerts down: an enabled inhibition rule, or topology
		 * inhibition enabled in {@code SUPPRESS} mode ({@code MARK} only marks symptoms).
		 */
		public boolean inhibitionConfigured() {
			return this.enabledInhibitRules > 0
					|| (this.topologyInhibitionEnabled && "SUPPRESS".equals(this.topologyInhibitionMode));
		}

	}

}
