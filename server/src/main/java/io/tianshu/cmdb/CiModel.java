package io.tianshu.cmdb;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A model (CI type, 模型) as it is now.
 *
 * @param id stable id
 * @param code stable key ({@code host})
 * @param name display name ({@code 主机})
 * @param nameEn English display name
 * @param group model group code
 * @param description free text
 * @param ownerTeamId the data steward team (数据管理员团队) of the model, or {@code null}
 * @param builtIn whether Tianshu ships it
 * @param version the current version, starting at 1
 * @param attributes the attributes in display order
 * @param identificationRules the identification rules
 * @param relations the relation definitions whose source is this model
 * @param updatedAt when it last changed
 */
public record CiModel(ModelId id, String code, String name, String nameEn, String group, String description,
		UUID ownerTeamId, boolean builtIn, int version, List<AttributeDefinition> attributes,
		List<IdentificationRule> identificationRules, List<RelationDefinition> relations, Instant updatedAt) {

	public CiModel {
		attributes = List.copyOf(attributes);
		identificationRules = List.copyOf(identificationRules);
		relations = (relations != null) ? List.copyOf(relations) : List.of();
	}

	public Optional<AttributeDefinition> attribute(String code) {
		return this.attributes.stream().filter((a) -> a.code().equals(code)).findFirst();
	}

}
