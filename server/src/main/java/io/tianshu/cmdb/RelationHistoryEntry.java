package io.tianshu.cmdb;

import java.time.Instant;

/**
 * One change of a relation of a CI: created or deleted, by whom, from where and why
 * ({@code reason} names the retired CI when retirement detached or cascaded it).
 */
public record RelationHistoryEntry(RelationId relation, RelationChanged.Kind change, String type, CiId source,
		CiId target, String actor, ChangeSource changeSource, String requestId, String reason, Instant changedAt) {
}
