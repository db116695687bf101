package io.tianshu.maturity;

import java.util.List;
import java.util.Map;

import io.tianshu.platform.AuditVerification;

import org.springframework.stereotype.Component;

/**
 * A probe bound to the test framework T01 (test classpath only), so pre-filling,
 * overrides and binding can be tested before the real framework data is there. It judges
 * like the audit chain probe: met while the audit chain is intact.
 */
@Component
class FixtureProbe implements Probe {

	static final String ID = "test.fixture.audit-chain";

	private final AuditVerification verification;

	FixtureProbe(AuditVerification verification) {
		this.verification = verification;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String version() {
		return "1";
	}

	@Override
	public LocalizedText title() {
		return new LocalizedText("测试：审计链完整", "Test: the audit chain is intact");
	}

	@Override
	public List<String> criteria() {
		return List.of("T01.1.2.1.L1.1", "T01.1.2.1.L2.a");
	}

	@Override
	public ProbeOutcome evaluate(ProbeContext context) {
		boolean intact = this.verification.verifyChain().intact();
		LocalizedText summary = new LocalizedText(intact ? "完整" : "断裂", intact ? "intact" : "broken");
		return intact ? ProbeOutcome.met(summary, Map.of(), List.of(), List.of())
				: ProbeOutcome.notMet(summary, Map.of(), List.of(), List.of());
	}

}
