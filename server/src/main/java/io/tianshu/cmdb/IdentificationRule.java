package io.tianshu.cmdb;

import java.util.List;

/**
 * An attribute combination that identifies a CI of a model (唯一标识规则): no two live CIs may
 * have equal values for all of them. A rule applies only to CIs that have a value for
 * every attribute of the combination. Import and discovery upsert by these rules.
 *
 * @param name stable name of the rule within the model ({@code serial}, {@code hostname})
 * @param attributes the attribute codes, in order
 */
public record IdentificationRule(String name, List<String> attributes) {

	public IdentificationRule {
		attributes = (attributes != null) ? List.copyOf(attributes) : List.of();
	}

}
