package io.tianshu.maturity.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.event.ConvergenceStatistics;
import io.tianshu.event.ConvergenceStatistics.Convergence;
import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;

import org.springframework.stereotype.Component;

/**
 * 告警分组、抑制与告警风暴管控 (000 §10.10.3.2 表36 L4 f; 001 §1.3.1 表4 L3 6, L4 2): rules correlate the
 * alerts of several objects into alert groups, the merge is measured, and inhibition is
 * configured. Met when, in the evidence window, enabled grouping rules exist, groups were
 * formed and at least one of them merged two or more alerts (alerts per group and raw
 * events per group are the measure), and inhibition holds alerts down (an enabled
 * Alertmanager-style inhibition rule, or topology inhibition in {@code SUPPRESS} mode —
 * {@code MARK} mode only marks symptoms and is reported, not counted). Read through
 * {@link ConvergenceStatistics}.
 */
@Component
class AlertGroupingProbe implements Probe {

	private final ConvergenceStatistics statistics;

	AlertGroupingProbe(ConvergenceStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public String id() {
		return "event.alert-grouping";
	}

	@Override
	public String version() {
		return "2";
	}

	@Override
	public LocalizedText title() {
		return new LocalizedText("告警分组、抑制与告警风暴管控生效", "Alert grouping, inhibition and alert-storm control are active");
	}

	@Override
	public List<String> criteria() {
		// 000 表36 L4 f: rule-based correlation, grouped convergence, storm control;
		// 001 表4 L3 6: storms controlled by inhibition and convergence; L4 2: several
		// objects correlated, inhibited and merged
		return List.of("000.10.10.3.2.L4.f", "001.1.3.1.L3.6", "001.1.3.1.L4.2");
	}

	@Override
	public ProbeOutcome evaluate(ProbeContext context) {
		return judge(this.statistics.convergence(context.since(), context.now()));
	}

	static ProbeOutcome judge(Convergence c) {
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("groupingRules", c.groupingRules());
		counts.put("enabledGroupingRules", c.enabledGroupingRules());
		counts.put("groupsFormed", c.groupsFormed());
		counts.put("groupsWithSeveralAlerts", c.groupsWithSeveralAlerts());
		counts.put("alertsGrouped", c.alertsGrouped());
		counts.put("memberships", c.memberships());
		counts.put("rawEventsOfGroupedAlerts", c.rawEventsOfGroupedAlerts());
		if (c.groupsFormed() > 0) {
			counts.put("alertsPerGroup", round((double) c.memberships() / c.groupsFormed()));
			counts.put("rawEventsPerGroup", round((double) c.rawEventsOfGroupedAlerts() / c.groupsFormed()));
		}
		counts.put("enabledInhibitRules", c.enabledInhibitRules());
		counts.put("topologyInhibitionEnabled", c.topologyInhibitionEnabled());
		if (c.topologyInhibitionMode() != null) {
			counts.put("topologyInhibitionMode", c.topologyInhibitionMode());
		}
		counts.put("alertsInhibited", c.alertsInhibited());
		List<EvidenceLink> links = List.of(new EvidenceLink(EvidenceLink.Type.URL, "/events/groups", "告警组"),
				new EvidenceLink(EvidenceLink.Type.URL, "/events/rules", "分组与抑制规则"));
		List<String> zh = new ArrayList<>();
		List<String> en = new ArrayList<>();
		if (c.enabledGroupingRules() == 0) {
			zh.add("没有启用的分组规则");
			en.add("no grouping rule is enabled");
		}
		if (c.groupsFormed() == 0) {
			zh.add("取证窗口内没有形成告警组");
			en.add("no alert group was formed in the evidence window");
		}
		else if (c.groupsWithSeveralAlerts() == 0) {
			zh.add("窗口内的告警组都只有一条告警，未见收敛");
			en.add("every alert group in the window holds a single alert, nothing was merged");
		}
		if (!c.inhibitionConfigured()) {
			zh.add("未配置抑制（无启用的抑制规则，拓扑抑制未以抑制模式启用）");
			en.add("no inhibition is configured (no enabled inhibition rule, topology inhibition not enabled in SUPPRESS mode)");
		}
		if (!zh.isEmpty()) {
			return ProbeOutcome.notMet(
					new LocalizedText(String.join("；", zh) + "。", capitalise(String.join("; ", en)) + "."), counts,
					List.of(), links);
		}
		String measure = c.alertsGrouped() + " : " + c.groupsFormed();
		return ProbeOutcome.met(new LocalizedText(
				"窗口内 " + c.enabledGroupingRules() + " 条启用的分组规则形成 " + c.groupsFormed() + " 个告警组，告警 : 告警组 = " + measure
						+ "，原始事件 : 告警组 = " + c.rawEventsOfGroupedAlerts() + " : " + c.groupsFormed() + "；启用抑制规则 "
						+ c.enabledInhibitRules() + " 条，拓扑抑制 " + topology(c) + "，被抑制告警 " + c.alertsInhibited() + " 条。",
				"In the window " + c.enabledGroupingRules() + " enabled grouping rules formed " + c.groupsFormed()
						+ " alert groups; alerts : groups = " + measure + ", raw events : groups = "
						+ c.rawEventsOfGroupedAlerts() + " : " + c.groupsFormed() + "; " + c.enabledInhibitRules()
						+ " enabled inhibition rules, topology inhibition " + topology(c) + ", " + c.alertsInhibited()
						+ " alerts inhibited."),
				counts, List.of(), links);
	}

	private static String topology(Convergence c) {
		return c.topologyInhibitionEnabled() ? c.topologyInhibitionMode() : "off";
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	private static String capitalise(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
