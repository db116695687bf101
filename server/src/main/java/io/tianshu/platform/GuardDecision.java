package io.tianshu.platform;

import java.util.List;

/**
 * The guard's answer. {@link Verdict#DENY} from any policy beats
 * {@link Verdict#REQUIRE_APPROVAL}, which beats {@link Verdict#ALLOW}; with no matching
 * policy the operation is allowed.
 *
 * @param decision the verdict
 * @param reasons one per policy that denied or asked for approval; empty when allowed
 */
public record GuardDecision(Verdict decision, List<GuardReason> reasons) {

	public GuardDecision {
		reasons = List.copyOf(reasons);
	}

	public static GuardDecision allow() {
		return new GuardDecision(Verdict.ALLOW, List.of());
	}

	public boolean allowed() {
		return this.decision == Verdict.ALLOW;
	}

	public boolean denied() {
		return this.decision == Verdict.DENY;
	}

	public boolean requiresApproval() {
		return this.decision == Verdict.REQUIRE_APPROVAL;
	}

	/** What the guard answers. */
	public enum Verdict {

		ALLOW, DENY, REQUIRE_APPROVAL

	}

}
