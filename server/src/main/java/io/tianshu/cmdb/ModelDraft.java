package io.tianshu.cmdb;

import java.util.List;
import java.util.UUID;

/**
 * A model as written by an administrator (create or full replace). The code cannot change
 * once created.
 */
public record ModelDraft(String code, String name, String nameEn, String group, String description, UUID ownerTeamId,
		List<AttributeDefinition> attributes, List<IdentificationRule> identificationRules) {
}
