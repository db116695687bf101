package io.tianshu.maturity.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;
import io.tianshu.platform.ControlPosture;
import io.tianshu.platform.ControlPosture.GuardPolicyControl;

import org.springframework.stereotype.Component;

/**
 * 操作管控管理 L1 b / L2 c: the operation guard judges, warns and blocks badly timed
 * operations, which needs at least one enabled market-hours policy (开市期间防护) whose trading
 * calendar exists; change windows and source allow-lists are reported alongside.
 */
@Component
class GuardProbe implements Probe {

	private final ControlPosture posture;

	GuardProbe(ControlPosture posture) {
		this.posture = posture;
	}

	@Override
	public String id() {
		return "platform.guard.market-hours";
	}

	@Override
	public String version() {
		return "1";
	}

	@Override
	public LocalizedText title() {
		return new LocalizedText("开市期间操作防护与变更窗口生效", "Market-hours guard and operation windows are active");
	}

	@Override
	public List<String> criteria() {
		return List.of("000.7.2.1.3.L1.b", "000.7.2.1.3.L2.c");
	}

	@Override
	public ProbeOutcome evaluate(ProbeContext context) {
		List<GuardPolicyControl> policies = this.posture.guardPolicies();
		List<GuardPolicyControl> marketHours = policies.stream()
			.filter((p) -> p.enabled() && p.kind().equals("MARKET_HOURS") && p.calendarExists())
			.toList();
		long windows = policies.stream().filter((p) -> p.enabled() && p.kind().equals("WINDOW")).count();
		long allowlists = policies.stream().filter((p) -> p.enabled() && p.kind().equals("SOURCE_ALLOWLIST")).count();
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("marketHoursPolicies", marketHours.size());
		counts.put("windowPolicies", windows);
		counts.put("sourceAllowlists", allowlists);
		List<EvidenceLink> links = List.of(new EvidenceLink(EvidenceLink.Type.URL, "/admin/guard", "操作防护"));
		if (marketHours.isEmpty()) {
			return ProbeOutcome.notMet(
					new LocalizedText("没有启用的开市期间防护策略（或其交易日历不存在）。",
							"No enabled market-hours guard policy with an existing trading calendar."),
					counts, List.of(), links);
		}
		return ProbeOutcome.met(
				new LocalizedText(
						"已启用 " + marketHours.size() + " 条开市期间防护策略、" + windows + " 条变更窗口策略、" + allowlists + " 条来源地址白名单。",
						marketHours.size() + " market-hours policies, " + windows + " change-window policies and "
								+ allowlists + " source allow-lists are enabled."),
				counts, marketHours.stream().map(GuardPolicyControl::name).toList(), links);
	}

}
