package io.tianshu.cmdb;

import java.util.List;

/**
 * Models, model groups, relation types and relation definitions (资源模型管理). Reads need
 * {@link CmdbPermissions#MODEL_READ}, changes {@link CmdbPermissions#MODEL_WRITE}; every
 * change is audited, and every change of a model (including its relation definitions)
 * stores a new {@link ModelVersion}. Invalid input is refused with field errors (422),
 * unknown codes with 404 and clashes with 409.
 */
public interface CiModels {

	List<ModelGroup> groups();

	ModelGroup createGroup(ModelGroup group);

	/** All models, or those of one group when {@code group} is not {@code null}. */
	List<CiModel> list(String group);

	CiModel get(String code);

	CiModel create(ModelDraft draft);

	/** Replaces the model's definition; the code in the draft must be absent or equal. */
	CiModel update(String code, ModelDraft draft);

	/** Newest first. */
	List<ModelVersion> versions(String code);

	/** The model as it was at the version. */
	CiModel version(String code, int version);

	/** From {@code fromVersion} to {@code toVersion}. */
	ModelDiff diff(String code, int fromVersion, int toVersion);

	List<RelationType> relationTypes();

	RelationType createRelationType(RelationType type);

	/** All definitions. */
	List<RelationDefinition> relationDefinitions();

	/** Adds a definition; a new version of the source model. */
	RelationDefinition defineRelation(RelationDefinition definition);

	/** Removes a definition that no relation uses; a new version of the source model. */
	void removeRelationDefinition(java.util.UUID id);

}
