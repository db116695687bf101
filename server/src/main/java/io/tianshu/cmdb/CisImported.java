package io.tianshu.cmdb;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A bulk import (导入) changed CIs of one model. Published once per applied import job, in
 * its transaction, <em>instead of</em> one {@link CiChanged} per CI: an import of 100,000
 * rows would otherwise store 100,000 event publications per listener. Listeners that
 * react to CI changes listen to both; every CI named here has a history entry with source
 * {@link ChangeSource#IMPORT}.
 *
 * @param job the import job
 * @param model the model code
 * @param created CIs created (version 1)
 * @param updated CIs whose attributes, name, owner or state changed
 * @param changedAt when the import was applied
 */
public record CisImported(UUID job, String model, List<CiId> created, List<CiId> updated, Instant changedAt) {

	public CisImported {
		created = List.copyOf(created);
		updated = List.copyOf(updated);
	}

}
