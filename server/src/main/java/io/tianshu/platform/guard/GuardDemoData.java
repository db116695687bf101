package io.tianshu.platform.guard;

import java.util.List;
import java.util.Map;

import io.tianshu.platform.Authorization;
import io.tianshu.platform.Calendars;
import io.tianshu.platform.DemoData;
import io.tianshu.platform.guard.GuardPolicies.PolicyDraft;

import org.springframework.stereotype.Component;

/**
 * Demo guard policies: the market-hours guard for production on {@code CN-A} and a
 * Saturday-night change window for production deployments. Demo data, so new
 * installations without demo data start with no policy (everything allowed).
 */
@Component
class GuardDemoData implements DemoData {

	private final GuardPolicies policies;

	private final Authorization authorization;

	GuardDemoData(GuardPolicies policies, Authorization authorization) {
		this.policies = policies;
		this.authorization = authorization;
	}

	@Override
	public int order() {
		return 40;
	}

	@Override
	public String name() {
		return "platform: guard policies (market hours, weekend change window)";
	}

	@Override
	public void load() {
		this.authorization.runAsSystem(this::createPolicies);
	}

	private void createPolicies() {
		this.policies.create(new PolicyDraft("生产开市期间禁止变更 Production market hours", "MARKET_HOURS", true,
				List.of("prod"), List.of(), Map.of("calendar", Calendars.CN_A),
				"No normal production operation while the A-share market trades; emergencies need approval."));
		this.policies.create(
				new PolicyDraft("周末变更窗口 Weekend change window", "WINDOW", true, List.of("prod"), List.of("delivery.*"),
						Map.of("mode", "ALLOW", "timeZone", "Asia/Shanghai", "windows",
								List.of(Map.of("days", List.of("SATURDAY"), "start", "00:00", "end", "06:00"))),
						"Production deployments only on Saturday 00:00–06:00."));
	}

}
