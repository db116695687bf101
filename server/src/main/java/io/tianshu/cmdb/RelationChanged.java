package io.tianshu.cmdb;

import java.time.Instant;

/**
 * A relation was created or deleted. Published in the transaction of the change.
 */
public record RelationChanged(RelationId relation, String type, CiId source, CiId target, Kind kind,
		ChangeSource changeSource, Instant changedAt) {

	public enum Kind {

		CREATED, DELETED

	}

}
