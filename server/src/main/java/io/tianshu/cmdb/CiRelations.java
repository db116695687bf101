package io.tianshu.cmdb;

import java.util.List;

/**
 * Relations between CIs. Creating and deleting needs
 * {@link CmdbPermissions#RELATION_WRITE}, reading {@link CmdbPermissions#CI_READ}. A
 * relation must match a model-level definition (422), respect its cardinality (409), not
 * relate a CI to itself (422) and not close a cycle of an acyclic type such as
 * {@code contains} (409).
 */
public interface CiRelations {

	Relation create(String type, CiId source, CiId target, ChangeSource changeSource);

	void delete(RelationId id, ChangeSource changeSource);

	Relation get(RelationId id);

	/** Relations where the CI is the source or the target. */
	List<Relation> of(CiId ci);

	/** Creations and deletions of relations where the CI is an end, oldest first. */
	List<RelationHistoryEntry> history(CiId ci);

}
