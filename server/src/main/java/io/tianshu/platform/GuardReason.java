package io.tianshu.platform;

import java.util.UUID;

/**
 * Why a policy denied an operation or asked for approval.
 *
 * @param policyId the policy
 * @param policyName its name
 * @param code stable code ({@code guard.market-hours.in-session})
 * @param message English message
 */
public record GuardReason(UUID policyId, String policyName, String code, String message) {
}
