package io.tianshu.cmdb;

import java.util.UUID;

/**
 * Which relations CIs of two models may have (模型关联): only relations that match a
 * definition can be created.
 *
 * @param id stable id
 * @param sourceModel code of the source model
 * @param targetModel code of the target model (may equal the source model)
 * @param type relation type code
 * @param cardinality how many relations each end may have
 * @param deleteBehaviour what retiring an end does
 */
public record RelationDefinition(UUID id, String sourceModel, String targetModel, String type, Cardinality cardinality,
		DeleteBehaviour deleteBehaviour) {
}
