package io.tianshu.platform.guard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.tianshu.platform.BusinessCalendar;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.GuardDecision;
import io.tianshu.platform.GuardDecision.Verdict;
import io.tianshu.platform.GuardReason;
import io.tianshu.platform.GuardRequest;
import io.tianshu.platform.guard.PolicyRules.Finding;
import io.tianshu.platform.guard.PolicyRules.Rule;

/**
 * Applies policies to a request: any DENY beats any REQUIRE_APPROVAL beats ALLOW; no
 * matching policy allows. A policy that can no longer be applied (its calendar is gone)
 * denies. Pure: no database, no clock.
 */
final class PolicyEvaluator {

	private PolicyEvaluator() {
	}

	static GuardDecision decide(List<GuardPolicy> policies, GuardRequest request, Instant at,
			Function<String, Optional<BusinessCalendar>> calendars) {
		Verdict verdict = Verdict.ALLOW;
		List<GuardReason> reasons = new ArrayList<>();
		List<GuardPolicy> ordered = policies.stream().sorted(Comparator.comparing(GuardPolicy::name)).toList();
		for (GuardPolicy policy : ordered) {
			if (!policy.appliesTo(request.environment(), request.operationKind())) {
				continue;
			}
			List<FieldViolation> violations = new ArrayList<>();
			Optional<Rule> rule = PolicyRules.compile(policy.kind(), policy.config(), calendars, violations);
			Optional<Finding> finding = rule.isPresent() ? rule.get().check(request, at)
					: Optional.of(Finding.deny("guard.policy.broken", "The policy cannot be applied: "
							+ violations.stream().map(FieldViolation::message).findFirst().orElse("invalid config")));
			if (finding.isPresent()) {
				reasons.add(new GuardReason(policy.id(), policy.name(), finding.get().code(), finding.get().message()));
				verdict = stricter(verdict, finding.get().verdict());
			}
		}
		return new GuardDecision(verdict, reasons);
	}

	private static Verdict stricter(Verdict a, Verdict b) {
		if (a == Verdict.DENY || b == Verdict.DENY) {
			return Verdict.DENY;
		}
		if (a == Verdict.REQUIRE_APPROVAL || b == Verdict.REQUIRE_APPROVAL) {
			return Verdict.REQUIRE_APPROVAL;
		}
		return Verdict.ALLOW;
	}

}
