package io.tianshu.platform.guard;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tianshu.platform.Audit;
import io.tianshu.platform.AuditEntry;
import io.tianshu.platform.AuditEntry.Outcome;
import io.tianshu.platform.Calendars;
import io.tianshu.platform.FieldViolation;
import io.tianshu.platform.GuardDecision;
import io.tianshu.platform.GuardRequest;
import io.tianshu.platform.OperationGuard;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.web.CurrentRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link OperationGuard} over the stored policies.
 */
@Service
class DefaultOperationGuard implements OperationGuard {

	private final GuardPolicies policies;

	private final Calendars calendars;

	private final Audit audit;

	private final Clock clock;

	DefaultOperationGuard(GuardPolicies policies, Calendars calendars, Audit audit, Clock clock) {
		this.policies = policies;
		this.calendars = calendars;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	@Transactional
	public GuardDecision evaluate(GuardRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		if (request.operationKind() == null || request.operationKind().isBlank()) {
			violations.add(new FieldViolation("operationKind", "guard.request.required", "operationKind is required"));
		}
		if (request.environment() == null || request.environment().isBlank()) {
			violations.add(new FieldViolation("environment", "guard.request.required", "environment is required"));
		}
		if (request.risk() == null) {
			violations.add(new FieldViolation("risk", "guard.request.required", "risk is required"));
		}
		if (!violations.isEmpty()) {
			throw TianshuException.invalid("The guard request is invalid", violations);
		}
		Instant at = (request.at() != null) ? request.at() : this.clock.instant();
		String source = (request.sourceAddress() != null) ? request.sourceAddress() : CurrentRequest.sourceAddress();
		GuardRequest effective = new GuardRequest(request.operationKind().strip(), request.environment().strip(),
				request.scope(), request.risk(), at, source, request.emergency(), request.reason());
		GuardDecision decision = PolicyEvaluator.decide(this.policies.all(), effective, at, this.calendars::find);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("request", effective);
		after.put("decision", decision);
		Outcome outcome = decision.denied() ? Outcome.DENIED : Outcome.SUCCESS;
		this.audit.record(new AuditEntry("platform.guard.decided", "operation", effective.operationKind(), outcome,
				null, after, decision.decision().name(), null));
		return decision;
	}

}
