package io.tianshu.platform.identity;

/**
 * Where a role assignment applies: one business system, one environment, or both; a
 * {@code null} part means "any". An assignment without a scope applies everywhere.
 * Modules enforce scopes; identity stores them.
 */
public record RoleScope(String businessSystem, String environment) {

	/** The scope, or {@code null} when both parts are empty (everywhere). */
	public static RoleScope of(String businessSystem, String environment) {
		String system = blankToNull(businessSystem);
		String env = blankToNull(environment);
		return (system == null && env == null) ? null : new RoleScope(system, env);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
