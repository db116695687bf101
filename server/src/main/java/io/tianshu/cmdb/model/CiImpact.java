package io.tianshu.cmdb.model;

import java.util.Map;

/**
 * What a model change does to the model's live CIs.
 *
 * @param checked how many live CIs were checked
 * @param migrated how many are changed automatically (defaults filled, removed attributes
 * dropped, values converted)
 * @param flagged how many do not conform afterwards and are flagged
 * @param flaggedByAttribute flagged CIs per attribute code (or
 * {@code identificationRules.<rule>})
 */
public record CiImpact(int checked, int migrated, int flagged, Map<String, Integer> flaggedByAttribute) {

	public CiImpact {
		flaggedByAttribute = Map.copyOf(flaggedByAttribute);
	}

	static CiImpact none() {
		return new CiImpact(0, 0, 0, Map.of());
	}

}
