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
import io.tianshu.platform.ControlPosture.RoleControl;

import org.springframework.stereotype.Component;

/**
 * 认证与授权 L2 c (two or more factors): every role that grants administrator-level
 * permissions ({@link ControlPosture#ADMINISTRATIVE_PERMISSIONS}) and is held by someone
 * requires TOTP.
 */
@Component
class TotpProbe implements Probe {

	private final ControlPosture posture;

	TotpProbe(ControlPosture posture) {
		this.posture = posture;
	}

	@Override
	public String id() {
		return "platform.identity.totp-privileged";
	}

	@Override
	public String version() {
		return "1";
	}

	@Override
	public LocalizedText title() {
		return new LocalizedText("特权角色强制双因素认证", "Privileged roles require two-factor sign-in (TOTP)");
	}

	@Override
	public List<String> criteria() {
		return List.of("000.8.3.1.1.L2.c");
	}

	@Override
	public ProbeOutcome evaluate(ProbeContext context) {
		return judge(this.posture.roles());
	}

	static ProbeOutcome judge(List<RoleControl> roles) {
		List<RoleControl> privileged = roles.stream()
			.filter(RoleControl::privileged)
			.filter((r) -> r.holders() > 0)
			.toList();
		List<String> without = privileged.stream().filter((r) -> !r.requiresTotp()).map(RoleControl::name).toList();
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("privilegedRolesHeld", privileged.size());
		counts.put("withoutTotp", without.size());
		List<EvidenceLink> links = List.of(new EvidenceLink(EvidenceLink.Type.URL, "/admin/roles", "角色与授权"));
		if (privileged.isEmpty()) {
			return ProbeOutcome.notObservable(new LocalizedText("没有人持有管理员级权限的角色，无从判断。",
					"Nobody holds a role with administrator-level permissions, so there is nothing to judge."));
		}
		if (without.isEmpty()) {
			return ProbeOutcome.met(
					new LocalizedText("全部 " + privileged.size() + " 个在用特权角色均要求 TOTP。",
							"All " + privileged.size() + " privileged roles in use require TOTP."),
					counts, privileged.stream().map(RoleControl::name).toList(), links);
		}
		return ProbeOutcome.notMet(
				new LocalizedText("以下特权角色未要求 TOTP：" + String.join("、", without),
						"These privileged roles do not require TOTP: " + String.join(", ", without)),
				counts, without, links);
	}

}
