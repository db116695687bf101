package io.tianshu.cmdb;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A bulk relation import created relations. Published once per applied import job instead
 * of one {@link RelationChanged} per relation (see {@link CisImported}).
 *
 * @param job the import job
 * @param created the relations created
 * @param changedAt when the import was applied
 */
public record RelationsImported(UUID job, List<RelationId> created, Instant changedAt) {

	public RelationsImported {
		created = List.copyOf(created);
	}

}
