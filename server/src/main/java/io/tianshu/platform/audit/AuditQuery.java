package io.tianshu.platform.audit;

import java.time.Instant;

import io.tianshu.platform.AuditEntry.Outcome;

/**
 * Filters for searching the audit trail; every {@code null} matches everything.
 *
 * @param actor the actor's name, compared case-insensitively
 * @param actionPrefix actions starting with this ({@code platform.user.} or a whole
 * action)
 * @param targetType the target type
 * @param targetId the target id (meaningful together with {@code targetType})
 * @param outcome the outcome
 * @param from records at or after this time
 * @param to records before this time
 */
public record AuditQuery(String actor, String actionPrefix, String targetType, String targetId, Outcome outcome,
		Instant from, Instant to) {

	public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, null);

}
