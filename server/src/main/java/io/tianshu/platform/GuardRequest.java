package io.tianshu.platform;

import java.time.Instant;

/**
 * An operation about to happen, for {@link OperationGuard#evaluate}.
 *
 * @param operationKind stable dotted name of the operation ({@code automation.job.run})
 * @param environment where it acts ({@code prod}, {@code uat}, {@code dev}, ...)
 * @param scope the business system (业务系统) it acts on, may be {@code null}
 * @param risk its risk
 * @param at when it would run; {@code null} means now (from the injected clock)
 * @param sourceAddress the address the operator acts from; {@code null} takes the current
 * HTTP caller's address
 * @param emergency an emergency change (紧急变更) asking to override market hours or a window
 * @param reason why, required for an emergency to count
 */
public record GuardRequest(String operationKind, String environment, String scope, OperationRisk risk, Instant at,
		String sourceAddress, boolean emergency, String reason) {

	/** A normal (non-emergency) operation now, from the caller's address. */
	public static GuardRequest of(String operationKind, String environment, String scope, OperationRisk risk) {
		return new GuardRequest(operationKind, environment, scope, risk, null, null, false, null);
	}

	public GuardRequest at(Instant instant) {
		return new GuardRequest(this.operationKind, this.environment, this.scope, this.risk, instant,
				this.sourceAddress, this.emergency, this.reason);
	}

	public GuardRequest from(String address) {
		return new GuardRequest(this.operationKind, this.environment, this.scope, this.risk, this.at, address,
				this.emergency, this.reason);
	}

	public GuardRequest asEmergency(String why) {
		return new GuardRequest(this.operationKind, this.environment, this.scope, this.risk, this.at,
				this.sourceAddress, true, why);
	}

	/** Whether this is an emergency with a non-blank reason. */
	public boolean justifiedEmergency() {
		return this.emergency && this.reason != null && !this.reason.isBlank();
	}

}
