package io.tianshu.event.convergence;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tianshu.event.LabelMatcher;

/**
 * What a silence or maintenance window covers: alerts whose labels match every matcher,
 * and, when given, that are attributed to the CI and/or the business system.
 */
record Scope(List<LabelMatcher> matchers, UUID ciId, UUID businessSystemId) {

	Scope {
		matchers = List.copyOf(matchers);
	}

	boolean matches(Map<String, String> labels, UUID ci, UUID businessSystem) {
		if (this.ciId != null && !this.ciId.equals(ci)) {
			return false;
		}
		if (this.businessSystemId != null && !this.businessSystemId.equals(businessSystem)) {
			return false;
		}
		for (LabelMatcher m : this.matchers) {
			if (!m.matches(labels)) {
				return false;
			}
		}
		return true;
	}

	boolean matches(AlertFacts a) {
		return matches(a.labels(), a.ciId(), a.businessSystemId());
	}

}
