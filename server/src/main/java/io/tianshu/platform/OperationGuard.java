package io.tianshu.platform;

/**
 * The operation guard (操作防护): risky operations (jobs, changes, drills, switchovers) ask
 * before they run. Policies stored by the platform decide: change windows
 * ({@code WINDOW}), the market-hours guard ({@code MARKET_HOURS}: no normal production
 * operation while the market trades; a justified emergency needs approval instead) and
 * source allow-lists ({@code SOURCE_ALLOWLIST}).
 */
public interface OperationGuard {

	/**
	 * Decides on an operation. Every decision is audited as
	 * {@code platform.guard.decided} with the request and the decision. Needs no
	 * permission: the guard restricts callers, it is not a privilege. A policy whose
	 * calendar is missing denies (fails closed).
	 * @throws TianshuException 422 when operation kind, environment or risk is missing
	 */
	GuardDecision evaluate(GuardRequest request);

}
