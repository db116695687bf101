package io.tianshu.platform.guard;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stored guard policy, as the API shows it.
 *
 * @param environments environments it applies to, empty for all
 * @param operationKinds operation kinds it applies to, exact or ending in {@code *}
 * ({@code automation.*}), empty for all
 * @param config kind-specific settings, validated by {@link PolicyRules}
 */
record GuardPolicy(UUID id, String name, PolicyKind kind, boolean enabled, List<String> environments,
		List<String> operationKinds, Map<String, Object> config, String description) {

	boolean appliesTo(String environment, String operationKind) {
		if (!this.enabled) {
			return false;
		}
		boolean environmentMatches = this.environments.isEmpty()
				|| this.environments.stream().anyMatch((e) -> e.equalsIgnoreCase(environment));
		boolean kindMatches = this.operationKinds.isEmpty()
				|| this.operationKinds.stream().anyMatch((pattern) -> matches(pattern, operationKind));
		return environmentMatches && kindMatches;
	}

	static boolean matches(String pattern, String operationKind) {
		if (pattern.equals("*")) {
			return true;
		}
		if (pattern.endsWith("*")) {
			return operationKind.startsWith(pattern.substring(0, pattern.length() - 1));
		}
		return pattern.equals(operationKind);
	}

}
