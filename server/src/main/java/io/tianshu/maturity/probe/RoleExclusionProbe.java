package io.tianshu.maturity.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.maturity.EvidenceLink;
import io.tianshu.maturity.LocalizedText;
import io.tianshu.maturity.Probe;
import io.tianshu.maturity.ProbeContext;
import io.tianshu.maturity.ProbeOutcome;
import io.tianshu.platform.ControlPosture;
import io.tianshu.platform.ControlPosture.ExclusionControl;

import org.springframework.stereotype.Component;

/**
 * 角色权限管理: mutually exclusive role pairs are configured and no enabled user holds both
 * roles of a pair (an exclusion declared after the fact can find such users).
 */
@Component
class RoleExclusionProbe implements Probe {

	private final ControlPosture posture;

	RoleExclusionProbe(ControlPosture posture) {
		this.posture = posture;
	}

	@Override
	public String id() {
		return "platform.identity.role-exclusions";
	}

	@Override
	public String version() {
		return "1";
	}

	@Override
	public LocalizedText title() {
		return new LocalizedText("互斥角色已配置并得到遵守", "Mutually exclusive roles are configured and respected");
	}

	@Override
	public List<String> criteria() {
		return List.of("000.7.2.1.2.L1.a");
	}

	@Override
	public ProbeOutcome evaluate(ProbeContext context) {
		List<ExclusionControl> exclusions = this.posture.exclusions();
		List<String> violations = new ArrayList<>();
		for (ExclusionControl e : exclusions) {
			for (String user : e.violatingUsers()) {
				violations.add(user + ": " + e.roleA() + " + " + e.roleB());
			}
		}
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("exclusions", exclusions.size());
		counts.put("violations", violations.size());
		List<EvidenceLink> links = List.of(new EvidenceLink(EvidenceLink.Type.URL, "/admin/roles", "角色与授权"));
		if (exclusions.isEmpty()) {
			return ProbeOutcome.notMet(new LocalizedText("未配置互斥角色。", "No mutually exclusive roles are configured."),
					counts, List.of(), links);
		}
		if (violations.isEmpty()) {
			return ProbeOutcome.met(
					new LocalizedText("已配置 " + exclusions.size() + " 组互斥角色，无人同时持有互斥角色。",
							exclusions.size() + " exclusive role pairs configured; nobody holds both roles of a pair."),
					counts, exclusions.stream().map((e) -> e.roleA() + " ≠ " + e.roleB()).toList(), links);
		}
		return ProbeOutcome.notMet(
				new LocalizedText("有用户同时持有互斥角色：" + String.join("；", violations),
						"Users hold both roles of an exclusive pair: " + String.join("; ", violations)),
				counts, violations, links);
	}

}
