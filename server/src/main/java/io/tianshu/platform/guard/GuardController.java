package io.tianshu.platform.guard;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.tianshu.platform.GuardDecision;
import io.tianshu.platform.GuardRequest;
import io.tianshu.platform.OperationGuard;
import io.tianshu.platform.OperationRisk;
import io.tianshu.platform.PlatformPermissions;
import io.tianshu.platform.RequiresPermission;
import io.tianshu.platform.TianshuException;
import io.tianshu.platform.guard.GuardPolicies.PolicyDraft;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/guard}: policies and evaluation.
 */
@RestController
@RequestMapping("/api/v1/guard")
class GuardController {

	private final GuardPolicies policies;

	private final OperationGuard guard;

	GuardController(GuardPolicies policies, OperationGuard guard) {
		this.policies = policies;
		this.guard = guard;
	}

	@GetMapping("/policies")
	@RequiresPermission(PlatformPermissions.GUARD_READ)
	List<GuardPolicy> list() {
		return this.policies.list();
	}

	@GetMapping("/policies/{id}")
	@RequiresPermission(PlatformPermissions.GUARD_READ)
	GuardPolicy get(@PathVariable UUID id) {
		return this.policies.get(id);
	}

	@PostMapping("/policies")
	@ResponseStatus(HttpStatus.CREATED)
	@RequiresPermission(PlatformPermissions.GUARD_WRITE)
	GuardPolicy create(@RequestBody PolicyDraft draft) {
		return this.policies.create(draft);
	}

	@PutMapping("/policies/{id}")
	@RequiresPermission(PlatformPermissions.GUARD_WRITE)
	GuardPolicy update(@PathVariable UUID id, @RequestBody PolicyDraft draft) {
		return this.policies.update(id, draft);
	}

	@DeleteMapping("/policies/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@RequiresPermission(PlatformPermissions.GUARD_WRITE)
	void delete(@PathVariable UUID id) {
		this.policies.delete(id);
	}

	@PostMapping("/evaluate")
	@RequiresPermission(PlatformPermissions.GUARD_EVALUATE)
	GuardDecision evaluate(@RequestBody EvaluateRequest body) {
		return this.guard.evaluate(new GuardRequest(body.operationKind(), body.environment(), body.scope(),
				risk(body.risk()), instant(body.at()), blankToNull(body.sourceAddress()),
				Boolean.TRUE.equals(body.emergency()), body.reason()));
	}

	private static OperationRisk risk(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return OperationRisk.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw TianshuException.invalidField("risk", "guard.request.risk-invalid",
					"risk must be LOW, MEDIUM, HIGH or CRITICAL");
		}
	}

	private static Instant instant(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return java.time.OffsetDateTime.parse(text.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw TianshuException.invalidField("at", "guard.request.at-invalid",
					"at must be an ISO-8601 instant with offset (2025-10-09T10:00:00+08:00)");
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	record EvaluateRequest(String operationKind, String environment, String scope, String risk, String at,
			String sourceAddress, Boolean emergency, String reason) {
	}

}
